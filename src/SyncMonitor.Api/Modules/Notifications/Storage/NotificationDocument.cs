using MongoDB.Bson.Serialization.Attributes;

namespace SyncMonitor.Api.Modules.Notifications.Storage;

/// <summary>A notification as a Mongo document (snake_case by the shared conventions; type and status as the
/// same lowercase strings SQLite stores).</summary>
internal sealed class NotificationDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Content { get; set; } = string.Empty;

    public string Severity { get; set; } = string.Empty;

    public string? Link { get; set; }

    public string Source { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public static NotificationDocument From(Notification notification) => new()
    {
        Id = notification.Id,
        UserId = notification.UserId,
        Type = NotificationNames.Of(notification.Type),
        Title = notification.Title,
        Content = notification.Content,
        Severity = notification.Severity,
        Link = notification.Link,
        Source = notification.Source,
        Status = NotificationNames.Of(notification.Status),
        CreatedAt = notification.CreatedAt,
        ReadAt = notification.ReadAt,
        Metadata = notification.Metadata?.ToDictionary(StringComparer.Ordinal),
    };

    public Notification ToNotification() => new()
    {
        Id = Id,
        UserId = UserId,
        Type = NotificationNames.ParseType(Type),
        Title = Title,
        Content = Content,
        Severity = Severity,
        Link = Link,
        Source = Source,
        Status = NotificationNames.ParseStatus(Status),
        CreatedAt = CreatedAt,
        ReadAt = ReadAt,
        Metadata = Metadata,
    };
}
