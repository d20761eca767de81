namespace SyncMonitor.Api.Modules.Notifications;

public enum NotificationStatus
{
    Unread,
    Read,
}

/// <summary>The severities notifications use (the SPA colours by them).</summary>
public static class NotificationSeverities
{
    public const string Info = "info";
    public const string Success = "success";
    public const string Warning = "warning";
    public const string Error = "error";
    public const string Critical = "critical";
}

/// <summary>One notification as stored in <c>notifications</c> and served to its user.</summary>
internal sealed record Notification
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required NotificationType Type { get; init; }

    public required string Title { get; init; }

    public required string Content { get; init; }

    public required string Severity { get; init; }

    public string? Link { get; init; }

    public required string Source { get; init; }

    public required NotificationStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>The hub's <c>notification</c> event: the new notification and the user's unread count after it.</summary>
internal sealed record NotificationPushed(Notification Notification, long UnreadCount);

/// <summary>Stored and wire names (lowercase) of types and statuses.</summary>
internal static class NotificationNames
{
    public static string Of(NotificationType type) => type switch
    {
        NotificationType.Sync => "sync",
        NotificationType.Alert => "alert",
        NotificationType.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Of(NotificationStatus status) => status switch
    {
        NotificationStatus.Unread => "unread",
        NotificationStatus.Read => "read",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseType(string? value, out NotificationType type)
        => TryParse(value, Enum.GetValues<NotificationType>(), Of, out type);

    public static bool TryParseStatus(string? value, out NotificationStatus status)
        => TryParse(value, Enum.GetValues<NotificationStatus>(), Of, out status);

    public static NotificationType ParseType(string value)
        => TryParseType(value, out var type) ? type : throw new FormatException($"Unknown notification type '{value}'.");

    public static NotificationStatus ParseStatus(string value)
        => TryParseStatus(value, out var status) ? status : throw new FormatException($"Unknown notification status '{value}'.");

    private static bool TryParse<T>(string? value, T[] candidates, Func<T, string> name, out T parsed)
        where T : struct, Enum
    {
        foreach (var candidate in candidates)
        {
            if (string.Equals(name(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                parsed = candidate;
                return true;
            }
        }

        parsed = default;
        return false;
    }
}
