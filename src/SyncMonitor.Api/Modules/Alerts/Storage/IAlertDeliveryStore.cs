using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The outbox (<c>alert_deliveries</c>) and the per-channel sending leases (<c>alert_channels</c>).
/// Deliveries are written by <see cref="IAlertStore"/> in the same step as the event they announce; this store
/// hands them to the sender. Only the holder of a channel's lease sends or changes that channel's deliveries.</summary>
internal interface IAlertDeliveryStore
{
    /// <summary>Takes the channel's lease when it is free, expired at <paramref name="now"/>, or already
    /// <paramref name="owner"/>'s. Atomic across processes: of concurrent callers at most one gets it.</summary>
    Task<bool> TryAcquireChannelAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease while <paramref name="owner"/> holds it; false when it was lost.</summary>
    Task<bool> RenewChannelAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    Task ReleaseChannelAsync(string channel, string owner, CancellationToken cancellationToken);

    /// <summary>The channel's unfinished deliveries (pending, retrying), oldest first: the order they are sent in.</summary>
    Task<IReadOnlyList<AlertDelivery>> QueueAsync(string channel, int limit, CancellationToken cancellationToken);

    /// <summary>Messages (a digest counts once) the channel delivered at or after <paramref name="since"/>.</summary>
    Task<long> CountMessagesSinceAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(IReadOnlyList<string> ids, string messageId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt of each: those that reach <paramref name="maxAttempts"/> become failed (their
    /// ids are returned), the others retrying, due again at <paramref name="nextAttemptAt"/>.</summary>
    Task<IReadOnlyList<string>> RecordFailureAsync(
        IReadOnlyList<string> ids, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt, int maxAttempts, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertDelivery>> ListForAlertAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Pending and retrying deliveries of every channel.</summary>
    Task<long> CountUnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Finishes writes a crash interrupted (Mongo: deliveries still embedded in their alert); SQLite has none.</summary>
    Task RelayStrandedAsync(CancellationToken cancellationToken);
}
