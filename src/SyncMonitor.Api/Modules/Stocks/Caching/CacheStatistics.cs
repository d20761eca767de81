using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>Hit and miss counts per cache and level, for <c>GET /api/monitoring/cache</c> and the Prometheus series.
/// <para>Every request is one L1 lookup. A request that misses L1 is served by another request's load already in
/// flight (stampede protection: counted as neither hit nor load), from L2, or by a load from the store. An L2 read that
/// returned bytes counts as a hit only once it is known that no load followed (HybridCache rejects an entry whose tags
/// were invalidated after it was written and then loads): <see cref="L2Read"/> parks it, <see cref="Loaded"/> or
/// <see cref="ServedWithoutLoad"/> settles it.</para></summary>
internal sealed class CacheStatistics(CacheMetrics metrics, TimeProvider time)
{
    private readonly FrozenDictionary<string, CacheCounters> _counters =
        CacheNames.All.ToFrozenDictionary(name => name, _ => new CacheCounters(), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, int> _unsettledL2Hits = new(StringComparer.Ordinal);

    public void L1(string cache, bool hit)
    {
        var counters = _counters[cache];
        Interlocked.Increment(ref counters.Requests);
        Interlocked.Increment(ref hit ? ref counters.L1Hits : ref counters.L1Misses);
        metrics.Request(cache, CacheLevel.L1, hit);
    }

    /// <summary>Called by the L2 decorator for every read of a cache key (HybridCache's tag keys are not ours).</summary>
    public void L2Read(string key, bool found)
    {
        if (CacheNames.Of(key) is not { } cache)
        {
            return;
        }

        if (found)
        {
            _unsettledL2Hits.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
        else
        {
            L2Result(cache, hit: false);
        }
    }

    /// <summary>A load from the store ran for this key: a miss at every level (an L2 read that returned a rejected
    /// entry is settled as a miss).</summary>
    public void Loaded(string cache, string key)
    {
        Interlocked.Increment(ref _counters[cache].Loads);
        metrics.Load(cache);
        if (TrySettle(key))
        {
            L2Result(cache, hit: false);
        }
    }

    /// <summary>The request was answered without a load of its own: if an L2 read for the key is unsettled, it was a hit.</summary>
    public void ServedWithoutLoad(string cache, string key)
    {
        if (TrySettle(key))
        {
            L2Result(cache, hit: true);
        }
    }

    public void Invalidated(IEnumerable<string> tags)
    {
        var now = time.GetUtcNow();
        foreach (var cache in tags.SelectMany(CacheTags.CachesOf).Distinct(StringComparer.Ordinal))
        {
            var counters = _counters[cache];
            Interlocked.Increment(ref counters.Invalidations);
            Interlocked.Exchange(ref counters.LastInvalidatedUtcTicks, now.UtcTicks);
            metrics.Invalidated(cache);
        }
    }

    public IReadOnlyList<CacheSnapshot> Snapshot(bool l2Enabled) => CacheNames.All.Select(name =>
    {
        var c = _counters[name];
        var requests = Interlocked.Read(ref c.Requests);
        var loads = Interlocked.Read(ref c.Loads);
        var l1 = new LevelSnapshot(Interlocked.Read(ref c.L1Hits), Interlocked.Read(ref c.L1Misses));
        var l2 = l2Enabled ? new LevelSnapshot(Interlocked.Read(ref c.L2Hits), Interlocked.Read(ref c.L2Misses)) : null;
        var hits = Math.Max(0, requests - loads);
        return new CacheSnapshot(name, Rate(hits, requests), requests, hits, loads, l1, l2, null,
            Interlocked.Read(ref c.Invalidations), Interlocked.Read(ref c.LastInvalidatedUtcTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null);
    }).ToList();

    private bool TrySettle(string key)
    {
        while (_unsettledL2Hits.TryGetValue(key, out var pending))
        {
            if (pending == 1 ? _unsettledL2Hits.TryRemove(new KeyValuePair<string, int>(key, 1)) : _unsettledL2Hits.TryUpdate(key, pending - 1, pending))
            {
                return true;
            }
        }

        return false;
    }

    private void L2Result(string cache, bool hit)
    {
        Interlocked.Increment(ref hit ? ref _counters[cache].L2Hits : ref _counters[cache].L2Misses);
        metrics.Request(cache, CacheLevel.L2, hit);
    }

    internal static double? Rate(long hits, long total) => total == 0 ? null : Math.Round(hits / (double)total, 4);

    private sealed class CacheCounters
    {
        public long Requests;
        public long L1Hits;
        public long L1Misses;
        public long L2Hits;
        public long L2Misses;
        public long Loads;
        public long Invalidations;
        public long LastInvalidatedUtcTicks;
    }
}

/// <summary>One cache in <c>GET /api/monitoring/cache</c>. <c>hits</c> = requests answered without a store query
/// (from L1, L2 or a load already in flight), <c>misses</c> = store queries. <c>entries</c> is null: HybridCache does
/// not expose its entry count.</summary>
internal sealed record CacheSnapshot(
    string Name,
    double? HitRate,
    long Requests,
    long Hits,
    long Misses,
    LevelSnapshot L1,
    LevelSnapshot? L2,
    long? Entries,
    long Invalidations,
    DateTimeOffset? LastInvalidatedAt);

internal sealed record LevelSnapshot(long Hits, long Misses)
{
    public double? HitRate => CacheStatistics.Rate(Hits, Hits + Misses);
}
