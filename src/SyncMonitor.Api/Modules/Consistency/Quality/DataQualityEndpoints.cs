using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

public static class DataQualityApiPaths
{
    public const string DataQuality = "/api/monitoring/data-quality";
}

internal static class DataQualityEndpoints
{
    public static IEndpointRouteBuilder MapDataQualityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DataQualityApiPaths.DataQuality, GetAsync)
            .WithTags("Monitoring")
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetDataQuality")
            .WithSummary("Completeness, freshness, validity and duplicates of the stored stock basics, per source and overall " +
                "(recomputed at most every Consistency:Quality:RefreshSeconds, sooner after a sync).");
        return endpoints;
    }

    private static async Task<Ok<DataQualityReport>> GetAsync(DataQualityMonitor monitor, CancellationToken cancellationToken)
        => TypedResults.Ok(await monitor.GetAsync(cancellationToken));
}
