using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>Alerts in MongoDB; see <see cref="AlertsSchema.MongoIndexes"/> for how de-duplication is enforced.</summary>
internal sealed class MongoAlertStore(MongoDatabaseProvider mongo) : IAlertStore
{
    private IMongoCollection<AlertDocument> Alerts => mongo.Collection<AlertDocument>(AlertsSchema.Collection);

    public async Task<Alert> RecordFiringAsync(AlertOccurrence occurrence, CancellationToken cancellationToken)
    {
        var options = new FindOneAndUpdateOptions<AlertDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After };
        var filter = AlertMongoQueries.OpenByFingerprint(occurrence.Fingerprint);
        var update = AlertMongoQueries.RecordFiring(occurrence);
        try
        {
            return (await Alerts.FindOneAndUpdateAsync(filter, update, options, cancellationToken)).ToAlert();
        }
        catch (MongoCommandException ex) when (ex.Code == 11000)
        {
            // Two upserts raced to insert; servers from 4.2 retry this themselves. One more attempt finds the
            // winner's document and counts this firing into it.
            return (await Alerts.FindOneAndUpdateAsync(filter, update, options, cancellationToken)).ToAlert();
        }
    }

    public async Task<bool> TryClaimNotificationAsync(
        string id, AlertLevel level, DateTimeOffset now, DateTimeOffset repeatDueAt, CancellationToken cancellationToken)
    {
        var result = await Alerts.UpdateOneAsync(
            AlertMongoQueries.NotificationDue(id, level, repeatDueAt),
            AlertMongoQueries.MarkNotified(level, now),
            cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    public async Task<Alert?> ResolveOpenAsync(string fingerprint, string resolvedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolved = await Alerts.FindOneAndUpdateAsync(
            AlertMongoQueries.OpenByFingerprint(fingerprint),
            AlertMongoQueries.Resolve(resolvedBy, now),
            new FindOneAndUpdateOptions<AlertDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        return resolved?.ToAlert();
    }

    public Task<AlertTransition> AcknowledgeAsync(string id, string userId, DateTimeOffset now, CancellationToken cancellationToken)
        => TransitionAsync(id, AlertMongoQueries.FiringById(id), AlertMongoQueries.Acknowledge(userId, now), cancellationToken);

    public Task<AlertTransition> ResolveAsync(string id, string userId, DateTimeOffset now, CancellationToken cancellationToken)
        => TransitionAsync(id, AlertMongoQueries.OpenById(id), AlertMongoQueries.Resolve(userId, now), cancellationToken);

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
        => (await Alerts.Find(AlertMongoQueries.ById(id)).FirstOrDefaultAsync(cancellationToken))?.ToAlert();

    public async Task<AlertList> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        var filter = AlertMongoQueries.Matching(query);
        var items = await Alerts.Find(filter).Sort(AlertMongoQueries.NewestFirst).Limit(query.Limit).ToListAsync(cancellationToken);
        var total = await Alerts.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        return new AlertList(items.Select(d => d.ToAlert()).ToList(), total);
    }

    public async Task<IReadOnlyDictionary<AlertLevel, long>> CountFiringByLevelAsync(CancellationToken cancellationToken)
    {
        var groups = await Alerts.Aggregate()
            .Match(AlertMongoQueries.Firing)
            .Group(d => d.Level, g => new { Level = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return groups.ToDictionary(g => AlertNames.ParseLevel(g.Level), g => g.Count);
    }

    private async Task<AlertTransition> TransitionAsync(
        string id, FilterDefinition<AlertDocument> filter, UpdateDefinition<AlertDocument> update, CancellationToken cancellationToken)
    {
        var changed = await Alerts.FindOneAndUpdateAsync(
            filter, update, new FindOneAndUpdateOptions<AlertDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken);
        if (changed is not null)
        {
            return new AlertTransition(AlertChange.Changed, changed.ToAlert());
        }

        return await GetAsync(id, cancellationToken) switch
        {
            null => new AlertTransition(AlertChange.NotFound, null),
            { Status: AlertStatus.Resolved } resolved => new AlertTransition(AlertChange.AlreadyResolved, resolved),
            var unchanged => new AlertTransition(AlertChange.Unchanged, unchanged),
        };
    }
}
