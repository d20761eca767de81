using System.Text.Json;
using StackExchange.Redis;
using SyncMonitor.Api.Common.Redis;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>Carries a cancel requested on one instance to the instance running the task, over Redis pub/sub, so it
/// arrives at once instead of at the owner's next heartbeat (≤ <c>Sync:HeartbeatSeconds</c>). The request is also
/// recorded on the lease: without Redis, or when a message is lost, the heartbeat still delivers it.</summary>
public sealed partial class SyncCancelBus(RedisConnection redis, ActiveRuns active, ILogger<SyncCancelBus> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("syncmonitor:sync:cancel");

    public async Task AnnounceAsync(string taskId, string requestedBy)
    {
        if (!redis.Enabled)
        {
            return;
        }

        try
        {
            var multiplexer = await redis.GetMultiplexerAsync();
            await multiplexer!.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new CancelMessage(taskId, requestedBy)));
        }
        catch (RedisException ex)
        {
            LogAnnounceFailed(logger, ex.GetType().Name, taskId);
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
            await multiplexer!.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnMessage(message));
        }
        catch (RedisException ex)
        {
            LogSubscribeFailed(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnMessage(RedisValue message)
    {
        try
        {
            var cancel = JsonSerializer.Deserialize<CancelMessage>(message.ToString());
            if (cancel?.TaskId is { } taskId && active.TryGet(taskId, out var run) && run.Final is null)
            {
                run.RequestStop(StopReason.Cancelled, RunMessages.CancelledByElsewhere(cancel.RequestedBy));
            }
        }
        catch (JsonException ex)
        {
            LogMessageFailed(logger, ex.GetType().Name);
        }
    }

    internal sealed record CancelMessage(string TaskId, string RequestedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing the cancel of sync {TaskId} over Redis failed ({Error}); its owner sees it at its next heartbeat")]
    private static partial void LogAnnounceFailed(ILogger logger, string error, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to sync cancels of other instances failed ({Error}); cancels arrive at the next heartbeat")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sync cancel message from another instance could not be read ({Error})")]
    private static partial void LogMessageFailed(ILogger logger, string error);
}
