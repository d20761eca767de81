using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>The serialised answers of <c>GET /api/stocks</c> with their ETag, so a warm request copies bytes instead of
/// serialising 50 stocks again, and a poller that sends <c>If-None-Match</c> gets a 304.
/// <para>Freshness: an entry carries the cache generation read before its page was fetched and is served only while the
/// generation is unchanged. <see cref="StockCache.InvalidateAsync"/> bumps the generation before and after evicting, so an
/// entry built from a read that overlapped an invalidation is never served, and nothing older than the last finished
/// run is. Entries also expire with the in-process level (<c>Stocks:LocalCacheSeconds</c>), as its objects would.</para></summary>
internal sealed class StockListResponses(
    StockReader reader,
    StockCache cache,
    CacheStatistics statistics,
    IOptions<JsonOptions> json,
    IOptions<StocksOptions> options,
    TimeProvider time)
{
    /// <summary>Distinct list queries kept; past it the map is cleared (keyword searches must not grow it without bound).</summary>
    private const int MaxEntries = 2048;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, long Generation), Lazy<Task<Entry>>> _builds = new();
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.LocalCacheSeconds);

    public async Task<Entry> GetAsync(StockListQuery query, CancellationToken cancellationToken)
    {
        // The envelope's message is in the request's language: one cached body per language.
        var key = reader.ListKey(query) + "|" + System.Globalization.CultureInfo.CurrentUICulture.Name;
        var generation = cache.Generation;
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation && now < entry.ExpiresAt)
        {
            statistics.L1(CacheNames.StocksList, hit: true);
            return entry;
        }

        // Single flight: concurrent misses of one key and generation share one build. It runs without any request's
        // token (one caller's abort must not fail the others); each caller may stop waiting on its own abort. The
        // generation is part of the flight's key, so a build begun before an invalidation is never joined after it.
        var flightKey = (key, generation);
        var mine = new Lazy<Task<Entry>>(() => BuildAsync(query, key, generation, now));
        var build = _builds.GetOrAdd(flightKey, mine);
        if (ReferenceEquals(build, mine))
        {
            _ = mine.Value.ContinueWith(
                _ => _builds.TryRemove(KeyValuePair.Create(flightKey, mine)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            statistics.L1(CacheNames.StocksList, hit: false); // a joiner's miss; the builder's is counted by its read
        }

        return await build.Value.WaitAsync(cancellationToken);
    }

    private async Task<Entry> BuildAsync(StockListQuery query, string key, long generation, DateTimeOffset now)
    {
        var page = await reader.ListAsync(query, CancellationToken.None);
        var body = JsonSerializer.SerializeToUtf8Bytes(ApiEnvelope<StockPage>.Ok(page), json.Value.SerializerOptions);
        var entry = new Entry(generation, now + _lifetime, body, $"\"{XxHash64.HashToUInt64(body):x16}\"");
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = entry;
        return entry;
    }

    internal sealed record Entry(long Generation, DateTimeOffset ExpiresAt, byte[] Body, string ETag);
}
