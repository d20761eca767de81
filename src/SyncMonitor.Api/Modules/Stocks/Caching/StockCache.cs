using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>The stock read API's two-level cache: HybridCache (memory, then Redis when configured; one load per key
/// at a time however many requests wait for it) with hit/miss counts per cache and level and tag invalidation.
/// <para>HybridCache stamps an entry with the time its load <i>started</i> and, when a tag was invalidated while the load
/// ran, re-stamps it and stores it anyway. A load that overlapped an invalidation may have read the store before the
/// change, so here such a load is repeated (and, if an invalidation lands between the load and the store of the
/// entry, the entry is removed again): nothing read before an invalidation is served after it.</para></summary>
internal sealed class StockCache
{
    private const int MaxLoadAttempts = 3;

    private static readonly HybridCacheEntryOptions L1Probe = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite,
    };

    private readonly HybridCache _cache;
    private readonly CacheStatistics _statistics;
    private readonly HybridCacheEntryOptions _entryOptions;
    private long _generation;

    public StockCache(HybridCache cache, CacheStatistics statistics, IOptions<StocksOptions> options)
    {
        _cache = cache;
        _statistics = statistics;
        _entryOptions = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromSeconds(options.Value.CacheSeconds),
            LocalCacheExpiration = TimeSpan.FromSeconds(options.Value.LocalCacheSeconds),
        };
    }

    /// <summary>Changes on every invalidation (local or announced by another instance).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public async Task<T> GetOrLoadAsync<T>(string cache, string key, IReadOnlyList<string> tags, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
        where T : class
    {
        var fullKey = cache + ":" + key;
        var cached = await _cache.GetOrCreateAsync<T?>(fullKey, static _ => ValueTask.FromResult<T?>(null), L1Probe, null, CancellationToken.None);
        _statistics.L1(cache, hit: cached is not null);
        if (cached is not null)
        {
            return cached;
        }

        var probe = new Load<T>(this, cache, fullKey, load);
        var value = await _cache.GetOrCreateAsync(fullKey, probe, static (p, token) => p.RunAsync(token), _entryOptions, tags, cancellationToken);
        if (!probe.Ran)
        {
            _statistics.ServedWithoutLoad(cache, fullKey);
        }
        else if (probe.ReadGeneration != Generation)
        {
            await _cache.RemoveAsync(fullKey, CancellationToken.None);
        }

        return value;
    }

    /// <summary>Evicts every entry carrying one of the tags, here and (through HybridCache's tag record) in L2.
    /// Returns false when the L2 record could not be written (Redis down); the in-process level is evicted regardless.</summary>
    public async Task<bool> InvalidateAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        // First: a load running now notices and reads again.
        Interlocked.Increment(ref _generation);
        var recorded = true;
        foreach (var tag in tags)
        {
            try
            {
                // HybridCache marks the tag locally first, then writes its record to L2, which throws when Redis is down.
                await _cache.RemoveByTagAsync(tag, cancellationToken);
            }
            catch (RedisException)
            {
                recorded = false;
            }
        }

        // And after: what was read while the eviction ran (an entry it had not reached yet) is not served either.
        Interlocked.Increment(ref _generation);
        _statistics.Invalidated(tags);
        return recorded;
    }

    private sealed class Load<T>(StockCache owner, string cache, string key, Func<CancellationToken, Task<T>> load)
    {
        public bool Ran { get; private set; }

        /// <summary>The generation the returned value was read under.</summary>
        public long ReadGeneration { get; private set; }

        public async ValueTask<T> RunAsync(CancellationToken cancellationToken)
        {
            Ran = true;
            owner._statistics.Loaded(cache, key);
            T value;
            var attempt = 0;
            do
            {
                ReadGeneration = owner.Generation;
                value = await load(cancellationToken);
            }
            while (ReadGeneration != owner.Generation && ++attempt < MaxLoadAttempts);

            return value;
        }
    }
}
