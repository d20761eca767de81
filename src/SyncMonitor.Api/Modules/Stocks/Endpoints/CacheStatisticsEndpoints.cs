using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Redis;
using SyncMonitor.Api.Modules.Stocks.Caching;

namespace SyncMonitor.Api.Modules.Stocks.Endpoints;

/// <summary><c>GET /api/monitoring/cache</c>: hit rates of the stock caches since start (viewer).</summary>
internal static class CacheStatisticsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet(StocksApiPaths.CacheStatistics, Get)
            .WithTags("Monitoring")
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetCacheStatistics")
            .WithSummary("Per cache: hit rate, requests, hits (no store query), misses (store queries), per-level hits/misses, invalidations.");

    private static Ok<ApiEnvelope<CacheReport>> Get(CacheStatistics statistics, IOptions<StocksOptions> options, IOptions<RedisOptions> redis)
    {
        var l2 = redis.Value.Enabled;
        return TypedResults.Ok(ApiEnvelope<CacheReport>.Ok(new CacheReport(
            l2, options.Value.LocalCacheSeconds, l2 ? options.Value.CacheSeconds : null, statistics.Snapshot(l2))));
    }
}

/// <summary>The cache statistics: whether the Redis level is on, each level's lifetime, and every cache.</summary>
internal sealed record CacheReport(bool L2Enabled, int L1Seconds, int? L2Seconds, IReadOnlyList<CacheSnapshot> Caches);
