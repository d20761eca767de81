using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>Meter <c>SyncMonitor.Cache</c>: <c>syncmonitor_cache_requests{cache,level,result}</c> counts lookups per
/// level (<c>l1</c> every request, <c>l2</c> every read of the distributed level), <c>syncmonitor_cache_loads{cache}</c>
/// the store queries behind misses, <c>syncmonitor_cache_invalidations{cache}</c> tag removals that reached a cache; every
/// cache's series exist from the start at zero.</summary>
internal sealed class CacheMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.Cache";
    public const string RequestsName = "syncmonitor_cache_requests";
    public const string LoadsName = "syncmonitor_cache_loads";
    public const string InvalidationsName = "syncmonitor_cache_invalidations";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _loads;
    private readonly Counter<long> _invalidations;

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsName, description: "Cache lookups by cache, level (l1 memory, l2 Redis) and result (hit/miss).");
        _loads = meter.CreateCounter<long>(LoadsName, description: "Store queries made to fill a cache (misses at every level).");
        _invalidations = meter.CreateCounter<long>(InvalidationsName, description: "Tag removals that evicted entries of a cache.");
    }

    public IEnumerable<StartupSeries> Declare() =>
    [
        .. StartupSeries.Each(_requests, ("cache", CacheNames.All), ("level", [CacheLevel.L1, CacheLevel.L2]), ("result", ["hit", "miss"])),
        .. StartupSeries.Each(_loads, ("cache", CacheNames.All)),
        .. StartupSeries.Each(_invalidations, ("cache", CacheNames.All)),
    ];

    public void Request(string cache, string level, bool hit, long count = 1)
        => _requests.Add(count, Tag("cache", cache), Tag("level", level), Tag("result", hit ? "hit" : "miss"));

    public void Load(string cache) => _loads.Add(1, Tag("cache", cache));

    public void Invalidated(string cache) => _invalidations.Add(1, Tag("cache", cache));

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}

internal static class CacheLevel
{
    public const string L1 = "l1";
    public const string L2 = "l2";
}
