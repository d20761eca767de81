using Microsoft.AspNetCore.SignalR;

namespace SyncMonitor.Api.Modules.Notifications.Realtime;

/// <summary>Pushes events through the hub (and, when Redis is configured, through the backplane to every
/// instance). Pushing is best effort: a missing, slow or broken client or backplane is logged and skipped,
/// never thrown to the caller, and a send never waits longer than <see cref="SendTimeout"/>.</summary>
internal sealed partial class HubRealtimePublisher(
    IHubContext<NotificationsHub> hub,
    ILogger<HubRealtimePublisher> logger) : IRealtimePublisher
{
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    public Task PublishTaskProgressAsync(string taskId, object progress, CancellationToken cancellationToken)
        => SendAsync(hub.Clients.Group(NotificationsHubGroups.Task(taskId)), NotificationsHubEvents.SyncProgress, progress, cancellationToken);

    public Task PublishSyncStatusAsync(object status, CancellationToken cancellationToken)
        => SendAsync(hub.Clients.All, NotificationsHubEvents.SyncStatus, status, cancellationToken);

    public Task PublishAlertAsync(object alert, CancellationToken cancellationToken)
        => SendAsync(hub.Clients.All, NotificationsHubEvents.Alert, alert, cancellationToken);

    public Task PublishNotificationAsync(string userId, NotificationPushed pushed, CancellationToken cancellationToken)
        => SendAsync(hub.Clients.Group(NotificationsHubGroups.User(userId)), NotificationsHubEvents.Notification, pushed, cancellationToken);

    private async Task SendAsync(IClientProxy clients, string eventName, object payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        try
        {
            await clients.SendAsync(eventName, payload, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, eventName, SendTimeout.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Live events are best effort by contract: the stored state stays the source of truth.
            LogFailed(logger, eventName, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub event {Event} not sent within {Seconds} s; skipped")]
    private static partial void LogTimedOut(ILogger logger, string @event, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub event {Event} could not be sent ({Error}); skipped")]
    private static partial void LogFailed(ILogger logger, string @event, string error);
}
