using MongoDB.Driver;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The filters and updates of <see cref="MongoAlertDeliveryStore"/> and of the alert store's outbox, kept
/// apart so they can be rendered and checked without a server.</summary>
internal static class AlertDeliveryMongoQueries
{
    private static readonly FilterDefinitionBuilder<AlertDeliveryDocument> Filter = Builders<AlertDeliveryDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<AlertDeliveryDocument> Update = Builders<AlertDeliveryDocument>.Update;
    private static readonly FilterDefinitionBuilder<AlertChannelLeaseDocument> LeaseFilter = Builders<AlertChannelLeaseDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<AlertChannelLeaseDocument> LeaseUpdate = Builders<AlertChannelLeaseDocument>.Update;

    private static readonly string[] UnfinishedStatuses =
        [AlertDeliveryNames.Of(AlertDeliveryStatus.Pending), AlertDeliveryNames.Of(AlertDeliveryStatus.Retrying)];

    /// <summary>The lease can be taken: free, expired, or already this owner's. With an upsert, a miss on an existing
    /// (held) document becomes a duplicate-key error, i.e. "busy".</summary>
    public static FilterDefinition<AlertChannelLeaseDocument> LeaseAvailable(string channel, string owner, DateTimeOffset now)
        => LeaseFilter.Eq(l => l.Channel, channel)
           & (LeaseFilter.Eq(l => l.Owner, null) | LeaseFilter.Eq(l => l.Owner, owner) | LeaseFilter.Lte(l => l.LeaseUntil, now));

    /// <summary>Upsert (the first acquisition creates the lease document); the caller reads nothing back.</summary>
    public static FindOneAndUpdateOptions<AlertChannelLeaseDocument> LeaseUpsert { get; } = new() { IsUpsert = true, ReturnDocument = ReturnDocument.After };

    public static FilterDefinition<AlertChannelLeaseDocument> LeaseHeldBy(string channel, string owner)
        => LeaseFilter.Eq(l => l.Channel, channel) & LeaseFilter.Eq(l => l.Owner, owner);

    public static UpdateDefinition<AlertChannelLeaseDocument> TakeLease(string owner, DateTimeOffset until)
        => LeaseUpdate.Set(l => l.Owner, owner).Set(l => l.LeaseUntil, until);

    public static UpdateDefinition<AlertChannelLeaseDocument> ExtendLease(DateTimeOffset until) => LeaseUpdate.Set(l => l.LeaseUntil, until);

    public static UpdateDefinition<AlertChannelLeaseDocument> FreeLease { get; } =
        LeaseUpdate.Set(l => l.Owner, null).Set(l => l.LeaseUntil, null);

    public static FilterDefinition<AlertDeliveryDocument> Queue(string channel)
        => Filter.Eq(d => d.Channel, channel) & Filter.In(d => d.Status, UnfinishedStatuses);

    public static SortDefinition<AlertDeliveryDocument> OldestFirst { get; } =
        Builders<AlertDeliveryDocument>.Sort.Ascending(d => d.CreatedAt).Ascending(d => d.Id);

    public static FilterDefinition<AlertDeliveryDocument> SentSince(string channel, DateTimeOffset since)
        => Filter.Eq(d => d.Channel, channel) & Filter.Gte(d => d.DeliveredAt, since);

    public static FilterDefinition<AlertDeliveryDocument> UnfinishedAmong(IReadOnlyList<string> ids)
        => Filter.In(d => d.Id, ids) & Filter.In(d => d.Status, UnfinishedStatuses);

    public static FilterDefinition<AlertDeliveryDocument> Unfinished { get; } = Filter.In(d => d.Status, UnfinishedStatuses);

    public static UpdateDefinition<AlertDeliveryDocument> Delivered(string messageId, DateTimeOffset now)
        => Update.Set(d => d.Status, AlertDeliveryNames.Of(AlertDeliveryStatus.Delivered))
            .Inc(d => d.Attempts, 1)
            .Set(d => d.LastAttemptAt, now)
            .Set(d => d.DeliveredAt, now)
            .Set(d => d.MessageId, messageId)
            .Set(d => d.LastError, null);

    /// <summary>The deliveries among <paramref name="ids"/> whose failed attempt is their last (attempts + 1 reaches the maximum).</summary>
    public static FilterDefinition<AlertDeliveryDocument> LastAttemptAmong(IReadOnlyList<string> ids, int maxAttempts)
        => UnfinishedAmong(ids) & Filter.Gte(d => d.Attempts, maxAttempts - 1);

    public static FilterDefinition<AlertDeliveryDocument> RetryableAmong(IReadOnlyList<string> ids, int maxAttempts)
        => UnfinishedAmong(ids) & Filter.Lt(d => d.Attempts, maxAttempts - 1);

    public static UpdateDefinition<AlertDeliveryDocument> Failed(AlertDeliveryStatus status, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt)
        => Update.Set(d => d.Status, AlertDeliveryNames.Of(status))
            .Inc(d => d.Attempts, 1)
            .Set(d => d.LastAttemptAt, now)
            .Set(d => d.LastError, error)
            .Set(d => d.NextAttemptAt, nextAttemptAt);

    public static FilterDefinition<AlertDeliveryDocument> ForAlert(string alertId) => Filter.Eq(d => d.AlertId, alertId);

    public static FilterDefinition<AlertDeliveryDocument> ByIds(IReadOnlyList<string> ids) => Filter.In(d => d.Id, ids);
}
