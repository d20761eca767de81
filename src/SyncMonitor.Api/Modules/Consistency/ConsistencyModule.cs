using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.Quality;

namespace SyncMonitor.Api.Modules.Consistency;

/// <summary>The Consistency module's whole surface: the cross-source checker (reports, resolve, verdicts for the
/// stock read API) and data-quality monitoring, with their endpoints.</summary>
public static class ConsistencyModule
{
    public static IServiceCollection AddConsistency(this IServiceCollection services)
        => services
            .AddCrossSourceConsistency()
            .AddDataQuality();

    public static IEndpointRouteBuilder MapConsistency(this IEndpointRouteBuilder endpoints)
        => endpoints
            .MapCrossSourceConsistency()
            .MapDataQuality();
}
