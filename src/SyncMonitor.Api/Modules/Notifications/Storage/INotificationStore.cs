using SyncMonitor.Api.Common.Http;

namespace SyncMonitor.Api.Modules.Notifications.Storage;

/// <summary>What an insert keeps: at most <paramref name="MaxPerUser"/> per user, none created before
/// <paramref name="RetainedSince"/>.</summary>
internal sealed record NotificationLimits(int MaxPerUser, DateTimeOffset RetainedSince);

internal sealed record NotificationQuery(NotificationStatus? Status, NotificationType? Type, int Page, int PageSize);

/// <summary>The <c>notifications</c> collection. Every read and change is scoped to one user: a user can
/// neither see nor change another user's notifications, whatever id they name.</summary>
internal interface INotificationStore
{
    /// <summary>Stores the notification, then drops the user's expired ones and the oldest beyond the maximum.</summary>
    Task InsertAsync(Notification notification, NotificationLimits limits, CancellationToken cancellationToken);

    /// <summary>The user's notifications, newest first.</summary>
    Task<PagedResult<Notification>> ListAsync(string userId, NotificationQuery query, CancellationToken cancellationToken);

    Task<long> CountUnreadAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Marks the user's notification read (keeping an earlier read time); null when the user has none
    /// with this id.</summary>
    Task<Notification?> MarkReadAsync(string userId, string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks every unread notification of the user read; returns how many changed.</summary>
    Task<long> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes every user's notifications created before <paramref name="retainedSince"/>.</summary>
    Task<long> PurgeExpiredAsync(DateTimeOffset retainedSince, CancellationToken cancellationToken);
}
