using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>The second level (Redis) as HybridCache sees it, with every read of a cache key reported to
/// <see cref="CacheStatistics"/>. Keeps the buffer-based API of the inner cache so HybridCache's allocation-free path
/// stays in use. Writes and removals pass through.</summary>
internal sealed class CountingDistributedCache(IBufferDistributedCache inner, CacheStatistics statistics) : IBufferDistributedCache
{
    public byte[]? Get(string key) => Report(key, inner.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Report(key, await inner.GetAsync(key, token));

    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        var found = inner.TryGet(key, destination);
        statistics.L2Read(key, found);
        return found;
    }

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        bool found;
        try
        {
            found = await inner.TryGetAsync(key, destination, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis down: HybridCache treats the failed read as a miss and loads, so count it as one.
            statistics.L2Read(key, found: false);
            throw;
        }

        statistics.L2Read(key, found);
        return found;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        => inner.SetAsync(key, value, options, token);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
        => inner.SetAsync(key, value, options, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    private byte[]? Report(string key, byte[]? value)
    {
        statistics.L2Read(key, value is not null);
        return value;
    }
}
