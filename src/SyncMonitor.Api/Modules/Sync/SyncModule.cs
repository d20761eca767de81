using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Jobs;
using SyncMonitor.Api.Modules.Sync.Endpoints;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync;

/// <summary>The Sync module: SyncManager with the global lease lock, sources, runs and their endpoints, jobs.</summary>
public static class SyncModule
{
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddValidatedOptions<SyncOptions>(SyncOptions.Section);
        services.AddValidatedOptions<SourcesOptions>(SourcesOptions.Section);
        services.AddSyncStorage();
        services.AddSyncChanges();
        services.AddDemoSources();
        services.AddRealSources();
        services.AddSingleton<SourceSelector>();
        services.AddSingleton<SourceHealthMonitor>();
        services.AddStartupSeries<SourceSeries>();
        services.AddSingleton<SyncInstance>();
        services.AddStartupSeries<SyncMetrics>();
        services.AddSingleton<SyncManager>();
        services.AddSingleton<ActiveRuns>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<SyncCancelBus>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncCancelBus>());
        services.AddSingleton<LatestRunCache>();
        services.AddSingleton<Endpoints.StatusResponses>();
        services.AddSingleton<RunFinisher>();
        services.AddSingleton<BulkWriter>();
        services.AddSingleton<TradeCalendar>();
        services.AddSingleton<SyncWorkFactory>();
        services.AddHostedService<SyncShutdown>();
        services.AddHostedService<OrphanedRunSweeper>();
        services.AddHostedService<LastSuccessSeeder>();
        services.AddScheduledJob<NightlySyncJob>(NightlySyncJob.Name, "0 0 20 * * ?",
            "Nightly sync at 20:00: stock basics, then today's daily basic when today is a trade day");
        services.AddScheduledJob<MissingDatesSyncJob>(MissingDatesSyncJob.Name, "0 30 21 * * ?",
            "Missing-date fill at 21:30: re-syncs the last 30 trade days that have no daily rows");
        return services;
    }

    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder endpoints)
    {
        SyncRunEndpoints.Map(endpoints);
        SyncStatusEndpoints.Map(endpoints);
        endpoints.MapSyncChanges();
        return endpoints;
    }

    private static IServiceCollection AddDemoSources(this IServiceCollection services)
    {
        foreach (var name in new[] { DemoMarket.Primary, DemoMarket.Alternate })
        {
            services.AddOptions<DemoSourceOptions>(name)
                .BindConfiguration($"Sources:{name}")
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<IStockDataSource>(sp => ActivatorUtilities.CreateInstance<DemoSource>(sp, name));
        }

        return services;
    }
}
