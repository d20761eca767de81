using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Consistency.Integrity.Jobs;
using SyncMonitor.Api.Modules.Consistency.Integrity.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary>Data-integrity monitoring (seed 002 mapped to syncs, SPEC §6.2): a successful daily sync whose rows are
/// missing or short is an integrity failure. Quick/full/deep checks on a schedule and on demand, stored, appended to
/// JSONL, exported as a gauge and raised as the <c>integrity_level</c> alert.</summary>
public static class IntegrityModule
{
    public static IServiceCollection AddIntegrityMonitoring(this IServiceCollection services)
    {
        services.AddValidatedOptions<IntegrityOptions>(IntegrityOptions.Section);
        services.AddIntegrityStorage();
        services.TryAddSingleton<DailyRunOutputs>();
        services.AddSingleton<MonitoringResultsLog>();
        services.AddSingleton<IntegrityAlerts>();
        services.AddStartupSeries<IntegrityMetrics>();
        services.AddSingleton<IntegrityChecker>();
        services.AddScheduledJob<QuickIntegrityCheckJob>(QuickIntegrityCheckJob.Name, QuickIntegrityCheckJob.Cron,
            "Quick integrity check every 15 minutes: successful daily runs of the last hour");
        services.AddScheduledJob<FullIntegrityCheckJob>(FullIntegrityCheckJob.Name, FullIntegrityCheckJob.Cron,
            "Full integrity check hourly: successful daily runs of the last 24 hours");
        services.AddScheduledJob<DeepIntegrityCheckJob>(DeepIntegrityCheckJob.Name, DeepIntegrityCheckJob.Cron,
            "Deep integrity check daily at 02:00: the last 14 days with the daily trend; then integrity_checks retention");
        return services;
    }

    public static IEndpointRouteBuilder MapIntegrityMonitoring(this IEndpointRouteBuilder endpoints) => endpoints.MapIntegrityEndpoints();

    /// <summary>The store alone (both providers), as the contract tests use it.</summary>
    internal static IServiceCollection AddIntegrityStorage(this IServiceCollection services)
    {
        services.AddStore<IIntegrityCheckStore, SqliteIntegrityCheckStore, MongoIntegrityCheckStore>();
        services.AddSqliteSchema(IntegritySchema.Collection, IntegritySchema.SqliteDdl);
        services.AddMongoIndexes(IntegritySchema.MongoIndexes);
        return services;
    }
}
