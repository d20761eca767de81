using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary>Data-quality monitoring (SPEC §6.3): the cached computation, its gauges and its endpoint.</summary>
internal static class DataQualityRegistration
{
    public static IServiceCollection AddDataQuality(this IServiceCollection services)
    {
        services.AddValidatedOptions<DataQualityOptions>(DataQualityOptions.Section);
        services.AddSingleton<DataQualityMonitor>();
        services.AddSingleton<DataQualityMetrics>();
        services.AddHostedService<DataQualityRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncRunListener, DataQualityStaleOnSync>());
        return services;
    }

    public static IEndpointRouteBuilder MapDataQuality(this IEndpointRouteBuilder endpoints) => endpoints.MapDataQualityEndpoints();
}
