using Microsoft.Extensions.Options;
using MongoDB.Bson;
using SyncMonitor.Api.Modules.Notifications.Realtime;
using SyncMonitor.Api.Modules.Notifications.Storage;

namespace SyncMonitor.Api.Modules.Notifications;

/// <summary><c>create_and_publish</c>: stores the notification (trimming the user's oldest beyond
/// <c>Notifications:MaxPerUser</c> and expired ones), then pushes <c>notification</c> with the new unread count
/// to the user's group. A store failure throws (nothing was stored); a push failure is only logged.</summary>
internal sealed class NotificationService(
    INotificationStore store,
    HubRealtimePublisher realtime,
    IOptions<NotificationsOptions> options,
    TimeProvider time) : INotificationPublisher
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 4000;

    public async Task CreateAndPublishAsync(NotificationRequest request, CancellationToken cancellationToken)
        => await CreateAsync(request, cancellationToken);

    public async Task<Notification> CreateAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Title);
        var now = time.GetUtcNow();
        var notification = new Notification
        {
            // Time-ordered ids break ties between notifications created in the same instant.
            Id = ObjectId.GenerateNewId().ToString(),
            UserId = request.UserId,
            Type = request.Type,
            Title = Bounded(request.Title, MaxTitleLength),
            Content = Bounded(request.Content, MaxContentLength),
            Severity = string.IsNullOrWhiteSpace(request.Severity) ? NotificationSeverities.Info : request.Severity,
            Link = request.Link,
            Source = string.IsNullOrWhiteSpace(request.Source) ? "system" : request.Source,
            Status = NotificationStatus.Unread,
            CreatedAt = now,
            Metadata = request.Metadata,
        };
        var limits = new NotificationLimits(options.Value.MaxPerUser, now - options.Value.Retention);
        await store.InsertAsync(notification, limits, cancellationToken);
        var unread = await store.CountUnreadAsync(notification.UserId, cancellationToken);
        await realtime.PublishNotificationAsync(notification.UserId, new NotificationPushed(notification, unread), cancellationToken);
        return notification;
    }

    private static string Bounded(string? text, int length)
    {
        var value = text ?? string.Empty;
        return value.Length <= length ? value : value[..(length - 1)] + "…";
    }
}
