using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>One firing of a rule, before it is merged into the open alert of its fingerprint.</summary>
internal sealed record AlertOccurrence(
    string NewId,
    string Rule,
    AlertLevel Level,
    string Fingerprint,
    string Title,
    string Message,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset At);

internal sealed record AlertQuery(int Limit, AlertStatus? Status, AlertLevel? Level);

internal sealed record AlertList(IReadOnlyList<Alert> Items, long Total);

internal enum AlertChange
{
    Changed,
    Unchanged,
    NotFound,
    AlreadyResolved,
}

internal sealed record AlertTransition(AlertChange Change, Alert? Alert);

/// <summary>A claimed announcement: the alert as announced, what kind of news it is, and the deliveries written with it.</summary>
internal sealed record AlertAnnouncement(Alert Alert, AlertEventKind Kind, IReadOnlyList<AlertDelivery> Deliveries);

/// <summary>The <c>alerts</c> collection. Every method that decides something does it in one atomic store
/// operation, so concurrent callers in one or several instances agree.</summary>
internal interface IAlertStore
{
    /// <summary>Inserts a firing alert for the occurrence's fingerprint, or — when one is open (firing or
    /// acknowledged) — adds one to its count and takes the occurrence's level, title, message and time.</summary>
    Task<Alert> RecordFiringAsync(AlertOccurrence occurrence, CancellationToken cancellationToken);

    /// <summary>Claims the right to announce the open alert: granted to exactly one caller when it was never
    /// announced, when it is firing and was last announced at or before <paramref name="repeatDueAt"/>, or when
    /// <paramref name="level"/> is above the last announced level. Records <paramref name="now"/> and the level and,
    /// in the same step, the deliveries <paramref name="plan"/> makes of the announcement (the outbox). Null when
    /// not granted.</summary>
    Task<AlertAnnouncement?> TryClaimNotificationAsync(
        string id, AlertLevel level, DateTimeOffset now, DateTimeOffset repeatDueAt, AlertDeliveryPlan plan, CancellationToken cancellationToken);

    /// <summary>Resolves the open alert of the fingerprint, if any, writing the deliveries <paramref name="plan"/>
    /// makes of the resolution in the same step, and returns it.</summary>
    Task<Alert?> ResolveOpenAsync(string fingerprint, string resolvedBy, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken);

    Task<AlertTransition> AcknowledgeAsync(string id, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>An operator's resolution; its deliveries are written in the same step, like <see cref="ResolveOpenAsync"/>.</summary>
    Task<AlertTransition> ResolveAsync(string id, string userId, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest <c>last_seen</c> first, at most <see cref="AlertQuery.Limit"/>, with the total that match.</summary>
    Task<AlertList> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>Alerts with status firing, per level (levels without any are absent).</summary>
    Task<IReadOnlyDictionary<AlertLevel, long>> CountFiringByLevelAsync(CancellationToken cancellationToken);
}
