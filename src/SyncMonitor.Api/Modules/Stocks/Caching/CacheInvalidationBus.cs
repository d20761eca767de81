using System.Text.Json;
using StackExchange.Redis;
using SyncMonitor.Api.Common.Redis;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>Tells the other instances sharing Redis which tags to drop (Redis pub/sub). HybridCache records a tag
/// invalidation in L2, but an instance reads that record only the first time it meets the tag, so without this
/// message the others would keep serving their in-process copies until those expire. Without Redis there are no
/// other instances to tell. A lost message (Redis down) leaves the others stale for at most
/// <c>Stocks:LocalCacheSeconds</c>.</summary>
internal sealed partial class CacheInvalidationBus(
    RedisConnection redis,
    StockCache cache,
    ILogger<CacheInvalidationBus> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("syncmonitor:cache:invalidate");

    private readonly string _origin = Guid.NewGuid().ToString("N");

    public async Task AnnounceAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        if (!redis.Enabled)
        {
            return;
        }

        try
        {
            var multiplexer = await redis.GetMultiplexerAsync();
            await multiplexer!.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Announcement(_origin, tags)));
        }
        catch (RedisException ex)
        {
            LogAnnounceFailed(logger, ex.GetType().Name);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.Enabled)
        {
            return;
        }

        try
        {
            var multiplexer = await redis.GetMultiplexerAsync();
            await multiplexer!.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = OnMessageAsync(message));
        }
        catch (RedisException ex)
        {
            LogSubscribeFailed(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task OnMessageAsync(RedisValue message)
    {
        try
        {
            var announcement = JsonSerializer.Deserialize<Announcement>(message.ToString());
            if (announcement is null || announcement.Origin == _origin || announcement.Tags is not { Count: > 0 })
            {
                return;
            }

            await cache.InvalidateAsync(announcement.Tags, CancellationToken.None);
        }
        catch (Exception ex) when (ex is JsonException or RedisException)
        {
            // A malformed message or Redis failing while HybridCache records the tag: the local copies still expire.
            LogMessageFailed(logger, ex.GetType().Name);
        }
    }

    internal sealed record Announcement(string Origin, IReadOnlyList<string> Tags);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing a cache invalidation to other instances failed ({Error}); their in-process copies expire by themselves")]
    private static partial void LogAnnounceFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to cache invalidations of other instances failed ({Error})")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cache invalidation from another instance could not be applied ({Error})")]
    private static partial void LogMessageFailed(ILogger logger, string error);
}
