using MongoDB.Bson;
using MongoDB.Driver;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The filters and updates of <see cref="MongoAlertStore"/>, kept apart so they can be rendered and
/// checked without a server.</summary>
internal static class AlertMongoQueries
{
    private static readonly FilterDefinitionBuilder<AlertDocument> Filter = Builders<AlertDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<AlertDocument> Update = Builders<AlertDocument>.Update;

    private static readonly string[] OpenStatuses = [AlertNames.Of(AlertStatus.Firing), AlertNames.Of(AlertStatus.Acknowledged)];

    public static FilterDefinition<AlertDocument> OpenByFingerprint(string fingerprint)
        => Filter.Eq(d => d.OpenKey, fingerprint);

    /// <summary>Opens the alert (fields only an insert sets) or counts the repeat (fields every firing sets).</summary>
    public static UpdateDefinition<AlertDocument> RecordFiring(AlertOccurrence occurrence) => Update.Combine(
        Update.SetOnInsert(d => d.Id, occurrence.NewId),
        Update.SetOnInsert(d => d.Rule, occurrence.Rule),
        Update.SetOnInsert(d => d.Fingerprint, occurrence.Fingerprint),
        Update.SetOnInsert(d => d.Labels, occurrence.Labels.ToDictionary(StringComparer.Ordinal)),
        Update.SetOnInsert(d => d.Status, AlertNames.Of(AlertStatus.Firing)),
        Update.SetOnInsert(d => d.FirstSeen, occurrence.At),
        Update.SetOnInsert(d => d.CreatedAt, occurrence.At),
        Update.Inc(d => d.Count, 1L),
        Update.Max(d => d.LastSeen, occurrence.At),
        Update.Set(d => d.Level, AlertNames.Of(occurrence.Level)),
        Update.Set(d => d.Title, occurrence.Title),
        Update.Set(d => d.Message, occurrence.Message));

    public static FilterDefinition<AlertDocument> NotificationDue(string id, AlertLevel level, DateTimeOffset repeatDueAt)
        => Filter.Eq(d => d.Id, id)
           & Filter.In(d => d.Status, OpenStatuses)
           & (Filter.Eq(d => d.LastNotifiedAt, null)
              | (Filter.Eq(d => d.Status, AlertNames.Of(AlertStatus.Firing)) & Filter.Lte(d => d.LastNotifiedAt, repeatDueAt))
              | Filter.In(d => d.LastNotifiedLevel, AlertNames.Below(level)));

    public static UpdateDefinition<AlertDocument> MarkNotified(AlertLevel level, DateTimeOffset now)
        => Update.Set(d => d.LastNotifiedAt, now).Set(d => d.LastNotifiedLevel, AlertNames.Of(level));

    public static FilterDefinition<AlertDocument> ById(string id) => Filter.Eq(d => d.Id, id);

    public static FilterDefinition<AlertDocument> FiringById(string id)
        => Filter.Eq(d => d.Id, id) & Filter.Eq(d => d.Status, AlertNames.Of(AlertStatus.Firing));

    public static FilterDefinition<AlertDocument> OpenById(string id)
        => Filter.Eq(d => d.Id, id) & Filter.In(d => d.Status, OpenStatuses);

    public static UpdateDefinition<AlertDocument> Acknowledge(string userId, DateTimeOffset now)
        => Update.Set(d => d.Status, AlertNames.Of(AlertStatus.Acknowledged))
            .Set(d => d.AcknowledgedBy, userId)
            .Set(d => d.AcknowledgedAt, now);

    /// <summary>Frees the fingerprint's <c>open_key</c> so the next firing opens a new alert.</summary>
    public static UpdateDefinition<AlertDocument> Resolve(string resolvedBy, DateTimeOffset now)
        => Update.Set(d => d.Status, AlertNames.Of(AlertStatus.Resolved))
            .Set(d => d.ResolvedBy, resolvedBy)
            .Set(d => d.ResolvedAt, now)
            .Set(d => d.OpenKey, "resolved:" + ObjectId.GenerateNewId());

    public static FilterDefinition<AlertDocument> Matching(AlertQuery query)
    {
        var filter = Filter.Empty;
        if (query.Status is { } status)
        {
            filter &= Filter.Eq(d => d.Status, AlertNames.Of(status));
        }

        if (query.Level is { } level)
        {
            filter &= Filter.Eq(d => d.Level, AlertNames.Of(level));
        }

        return filter;
    }

    public static SortDefinition<AlertDocument> NewestFirst { get; } =
        Builders<AlertDocument>.Sort.Descending(d => d.LastSeen).Descending(d => d.Id);

    /// <summary>Records an event's deliveries in the same update (see <see cref="MongoAlertOutbox"/>).</summary>
    public static UpdateDefinition<AlertDocument> WithOutbox(UpdateDefinition<AlertDocument> update, IReadOnlyList<AlertDeliveryDocument> outbox)
        => outbox.Count == 0 ? update : Update.Combine(update, Update.PushEach(d => d.Outbox, outbox));

    public static UpdateDefinition<AlertDocument> PullRelayed(IReadOnlyList<string> ids)
        => Update.PullFilter(d => d.Outbox, Builders<AlertDeliveryDocument>.Filter.In(o => o.Id, ids));

    /// <summary>Alerts holding deliveries not yet relayed.</summary>
    public static FilterDefinition<AlertDocument> HoldingOutbox { get; } = Filter.SizeGt(d => d.Outbox, 0);

    /// <summary>Guards a read-then-write: the announcement state is still what the writer planned from.</summary>
    public static FilterDefinition<AlertDocument> AnnouncedAs(Alert before)
        => Filter.Eq(d => d.LastNotifiedAt, before.LastNotifiedAt)
           & Filter.Eq(d => d.LastNotifiedLevel, before.LastNotifiedLevel is { } level ? AlertNames.Of(level) : null);

    public static FilterDefinition<AlertDocument> Firing { get; } = Filter.Eq(d => d.Status, AlertNames.Of(AlertStatus.Firing));
}
