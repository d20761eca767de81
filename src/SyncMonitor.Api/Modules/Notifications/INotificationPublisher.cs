namespace SyncMonitor.Api.Modules.Notifications;

public enum NotificationType
{
    Sync,
    Alert,
    System,
}

/// <summary>A notification to store for one user and push to their connections.</summary>
public sealed record NotificationRequest(
    string UserId,
    NotificationType Type,
    string Title,
    string Content,
    string Severity,
    string? Link,
    string Source,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>How other modules notify users (<c>create_and_publish</c>: store, then push).</summary>
public interface INotificationPublisher
{
    Task CreateAndPublishAsync(NotificationRequest request, CancellationToken cancellationToken);
}

/// <summary>Live events for connected clients (SignalR): task progress to group <c>task:{id}</c>, sync status
/// and alerts to everyone. Implementations never throw for a missing or slow client.</summary>
public interface IRealtimePublisher
{
    Task PublishTaskProgressAsync(string taskId, object progress, CancellationToken cancellationToken);

    Task PublishSyncStatusAsync(object status, CancellationToken cancellationToken);

    Task PublishAlertAsync(object alert, CancellationToken cancellationToken);
}

/// <summary>A publisher that stores and pushes nothing (tests and tools); the host uses the Notifications module's.</summary>
internal sealed class NullNotificationPublisher : INotificationPublisher, IRealtimePublisher
{
    public Task CreateAndPublishAsync(NotificationRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishTaskProgressAsync(string taskId, object progress, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishSyncStatusAsync(object status, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAlertAsync(object alert, CancellationToken cancellationToken) => Task.CompletedTask;
}
