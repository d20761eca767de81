using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>Compensation (seed 002 "数据修复", SPEC §6.2): re-syncs trade dates whose successful daily runs' output is
/// missing or short, under the global sync lock, recording every row key written so a rollback removes exactly
/// those rows. Depends on the integrity module's definitions (<c>AddIntegrityMonitoring</c>).</summary>
public static class CompensationModule
{
    public static IServiceCollection AddCompensation(this IServiceCollection services)
    {
        services.AddCompensationStorage();
        services.TryAddSingleton<DailyRunOutputs>();
        services.AddSingleton<CompensationPlanner>();
        services.AddSingleton<CompensationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCompensation(this IEndpointRouteBuilder endpoints) => endpoints.MapCompensationEndpoints();

    /// <summary>The store alone (both providers), as the contract tests use it.</summary>
    internal static IServiceCollection AddCompensationStorage(this IServiceCollection services)
    {
        services.AddStore<ICompensationStore, SqliteCompensationStore, MongoCompensationStore>();
        services.AddSqliteSchema(CompensationSchema.Collection, CompensationSchema.SqliteDdl);
        services.AddMongoIndexes(CompensationSchema.MongoIndexes);
        return services;
    }
}
