using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The outbox in MongoDB. A channel's lease is taken with one <c>findOneAndUpdate</c> whose filter admits
/// only a free, expired or own lease; on first use the upsert creates it, and when another owner holds it the upsert
/// collides with the existing <c>_id</c> (duplicate key) — "busy". Like the sync lock.</summary>
internal sealed class MongoAlertDeliveryStore(MongoDatabaseProvider mongo, MongoAlertOutbox outbox) : IAlertDeliveryStore
{
    private const int DuplicateKey = 11000;

    private IMongoCollection<AlertDeliveryDocument> Deliveries => mongo.Collection<AlertDeliveryDocument>(AlertDeliverySchema.Deliveries);

    private IMongoCollection<AlertChannelLeaseDocument> Leases => mongo.Collection<AlertChannelLeaseDocument>(AlertDeliverySchema.Channels);

    public async Task<bool> TryAcquireChannelAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            await Leases.FindOneAndUpdateAsync(
                AlertDeliveryMongoQueries.LeaseAvailable(channel, owner, now),
                AlertDeliveryMongoQueries.TakeLease(owner, now + lease),
                AlertDeliveryMongoQueries.LeaseUpsert,
                cancellationToken);
            return true;
        }
        catch (MongoCommandException ex) when (ex.Code == DuplicateKey)
        {
            return false;
        }
    }

    public async Task<bool> RenewChannelAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var result = await Leases.UpdateOneAsync(AlertDeliveryMongoQueries.LeaseHeldBy(channel, owner),
            AlertDeliveryMongoQueries.ExtendLease(now + lease), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    public Task ReleaseChannelAsync(string channel, string owner, CancellationToken cancellationToken)
        => Leases.UpdateOneAsync(AlertDeliveryMongoQueries.LeaseHeldBy(channel, owner), AlertDeliveryMongoQueries.FreeLease,
            cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<AlertDelivery>> QueueAsync(string channel, int limit, CancellationToken cancellationToken)
    {
        var documents = await Deliveries.Find(AlertDeliveryMongoQueries.Queue(channel))
            .Sort(AlertDeliveryMongoQueries.OldestFirst).Limit(limit).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToDelivery()).ToList();
    }

    public async Task<long> CountMessagesSinceAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var messages = await Deliveries.DistinctAsync(d => d.MessageId, AlertDeliveryMongoQueries.SentSince(channel, since),
            cancellationToken: cancellationToken);
        return (await messages.ToListAsync(cancellationToken)).Count;
    }

    public Task MarkDeliveredAsync(IReadOnlyList<string> ids, string messageId, DateTimeOffset now, CancellationToken cancellationToken)
        => Deliveries.UpdateManyAsync(AlertDeliveryMongoQueries.UnfinishedAmong(ids), AlertDeliveryMongoQueries.Delivered(messageId, now),
            cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<string>> RecordFailureAsync(
        IReadOnlyList<string> ids, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt, int maxAttempts, CancellationToken cancellationToken)
    {
        // Two updates, not one: only the channel's lease holder writes these documents, so nothing runs in between.
        var last = await Deliveries.Find(AlertDeliveryMongoQueries.LastAttemptAmong(ids, maxAttempts))
            .Project(d => d.Id).ToListAsync(cancellationToken);
        if (last.Count > 0)
        {
            await Deliveries.UpdateManyAsync(AlertDeliveryMongoQueries.LastAttemptAmong(last, maxAttempts),
                AlertDeliveryMongoQueries.Failed(AlertDeliveryStatus.Failed, error, now, nextAttemptAt), cancellationToken: cancellationToken);
        }

        await Deliveries.UpdateManyAsync(AlertDeliveryMongoQueries.RetryableAmong(ids, maxAttempts),
            AlertDeliveryMongoQueries.Failed(AlertDeliveryStatus.Retrying, error, now, nextAttemptAt), cancellationToken: cancellationToken);
        return last;
    }

    public async Task<IReadOnlyList<AlertDelivery>> ListForAlertAsync(string alertId, CancellationToken cancellationToken)
    {
        var documents = await Deliveries.Find(AlertDeliveryMongoQueries.ForAlert(alertId))
            .Sort(AlertDeliveryMongoQueries.OldestFirst).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToDelivery()).ToList();
    }

    public Task<long> CountUnfinishedAsync(CancellationToken cancellationToken)
        => Deliveries.CountDocumentsAsync(AlertDeliveryMongoQueries.Unfinished, cancellationToken: cancellationToken);

    public Task RelayStrandedAsync(CancellationToken cancellationToken) => outbox.RelayStrandedAsync(cancellationToken);
}
