using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.Api.Modules.Sync;

/// <summary>The Sync module: SyncManager with the global lease lock, sources, runs and their endpoints, jobs.</summary>
public static class SyncModule
{
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddDemoSources();
        return services;
    }

    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder endpoints) => endpoints;

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
