using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>Alerts in MongoDB; see <see cref="AlertsSchema.MongoIndexes"/> for how de-duplication is enforced.</summary>
internal sealed class MongoAlertStore(MongoDatabaseProvider mongo, MongoAlertOutbox outboxRelay) : IAlertStore
{
    /// <summary>Rounds of read-plan-write before a claim or resolution gives up to a busier writer.</summary>
    private const int MaxOptimisticAttempts = 5;

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

    public async Task<AlertAnnouncement?> TryClaimNotificationAsync(
        string id, AlertLevel level, DateTimeOffset now, DateTimeOffset repeatDueAt, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        // Read, plan the deliveries, then one conditional update that claims and embeds them: it succeeds only if the
        // announcement state is still the one read (another claimer changed it: read again and decide again).
        for (var attempt = 0; attempt < MaxOptimisticAttempts; attempt++)
        {
            var before = await GetAsync(id, cancellationToken);
            if (before is null || !before.IsAnnouncementDue(level, repeatDueAt))
            {
                return null;
            }

            var announced = before with { LastNotifiedAt = now, LastNotifiedLevel = level };
            var kind = before.AnnouncementKind(level);
            var deliveries = plan(announced, kind, now);
            var outbox = deliveries.Select(AlertDeliveryDocument.From).ToList();
            var claimed = await Alerts.FindOneAndUpdateAsync(
                AlertMongoQueries.NotificationDue(id, level, repeatDueAt) & AlertMongoQueries.AnnouncedAs(before),
                AlertMongoQueries.WithOutbox(AlertMongoQueries.MarkNotified(level, now), outbox),
                new FindOneAndUpdateOptions<AlertDocument> { ReturnDocument = ReturnDocument.After },
                cancellationToken);
            if (claimed is not null)
            {
                await outboxRelay.RelayAsync(id, outbox, cancellationToken);
                return new AlertAnnouncement(claimed.ToAlert(), kind, deliveries);
            }
        }

        return null;
    }

    public async Task<Alert?> ResolveOpenAsync(string fingerprint, string resolvedBy, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        var open = await Alerts.Find(AlertMongoQueries.OpenByFingerprint(fingerprint)).FirstOrDefaultAsync(cancellationToken);
        return open is null ? null : await ResolveWithOutboxAsync(open.Id, resolvedBy, now, plan, cancellationToken);
    }

    public Task<AlertTransition> AcknowledgeAsync(string id, string userId, DateTimeOffset now, CancellationToken cancellationToken)
        => TransitionAsync(id, AlertMongoQueries.FiringById(id), AlertMongoQueries.Acknowledge(userId, now), cancellationToken);

    public async Task<AlertTransition> ResolveAsync(string id, string userId, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        if (await ResolveWithOutboxAsync(id, userId, now, plan, cancellationToken) is { } resolved)
        {
            return new AlertTransition(AlertChange.Changed, resolved);
        }

        return await GetAsync(id, cancellationToken) switch
        {
            null => new AlertTransition(AlertChange.NotFound, null),
            var other => new AlertTransition(AlertChange.AlreadyResolved, other),
        };
    }

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

    /// <summary>Resolves the open alert <paramref name="id"/> and embeds the resolution's deliveries in the same update,
    /// planned from the alert as read (the update requires its announcement state unchanged). Null when it is not open.</summary>
    private async Task<Alert?> ResolveWithOutboxAsync(string id, string resolvedBy, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxOptimisticAttempts; attempt++)
        {
            var before = await GetAsync(id, cancellationToken);
            if (before is not { IsOpen: true })
            {
                return null;
            }

            var outbox = plan(before with { Status = AlertStatus.Resolved, ResolvedBy = resolvedBy, ResolvedAt = now }, AlertEventKind.Resolved, now)
                .Select(AlertDeliveryDocument.From).ToList();
            var resolved = await Alerts.FindOneAndUpdateAsync(
                AlertMongoQueries.OpenById(id) & AlertMongoQueries.AnnouncedAs(before),
                AlertMongoQueries.WithOutbox(AlertMongoQueries.Resolve(resolvedBy, now), outbox),
                new FindOneAndUpdateOptions<AlertDocument> { ReturnDocument = ReturnDocument.After },
                cancellationToken);
            if (resolved is not null)
            {
                await outboxRelay.RelayAsync(id, outbox, cancellationToken);
                return resolved.ToAlert();
            }
        }

        return null;
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
