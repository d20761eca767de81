using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>The cross-source checker's services, store and endpoints, and the verdict reader other modules use.</summary>
internal static class CrossSourceRegistration
{
    public static IServiceCollection AddCrossSourceConsistency(this IServiceCollection services)
    {
        services.AddValidatedOptions<CrossSourceOptions>(CrossSourceOptions.Section);
        services.AddConsistencyReportStorage();
        services.AddSingleton<CheckRequestValidator>();
        services.AddSingleton<ConsistencyAlerts>();
        services.AddSingleton<StockDataChanges>();
        services.AddSingleton<ConsistencyCheckService>();
        services.AddSingleton<ConsistencyResolveService>();
        services.AddSingleton<IConsistencyVerdictReader, ConsistencyVerdicts>();
        return services;
    }

    public static IEndpointRouteBuilder MapCrossSourceConsistency(this IEndpointRouteBuilder endpoints)
        => endpoints.MapCrossSourceEndpoints();

    /// <summary>The report store alone (both providers), as the contract tests use it.</summary>
    public static IServiceCollection AddConsistencyReportStorage(this IServiceCollection services)
    {
        services.AddStore<IConsistencyReportStore, SqliteConsistencyReportStore, MongoConsistencyReportStore>();
        services.AddSingleton(new SqliteSchema(ConsistencyReportSchema.Reports, ConsistencyReportSchema.SqliteDdl, ConsistencyReportSchema.SqliteMigrations));
        services.AddMongoIndexes(ConsistencyReportSchema.MongoReportIndexes);
        services.AddMongoIndexes(ConsistencyReportSchema.MongoStockIndexes);
        return services;
    }
}
