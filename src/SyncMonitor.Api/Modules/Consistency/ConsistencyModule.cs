using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.Api.Modules.Consistency.Quality;

namespace SyncMonitor.Api.Modules.Consistency;

/// <summary>The Consistency module's whole surface: the cross-source checker (reports, resolve, verdicts for the
/// stock read API), data-quality monitoring, integrity monitoring of daily runs and compensation, with their endpoints.</summary>
public static class ConsistencyModule
{
    public static IServiceCollection AddConsistency(this IServiceCollection services)
        => services
            .AddCrossSourceConsistency()
            .AddDataQuality()
            .AddIntegrityMonitoring()
            .AddCompensation();

    public static IEndpointRouteBuilder MapConsistency(this IEndpointRouteBuilder endpoints)
        => endpoints
            .MapCrossSourceConsistency()
            .MapDataQuality()
            .MapIntegrityMonitoring()
            .MapCompensation();
}
