using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The second half of Mongo's outbox step. MongoDB writes one document atomically (no transaction needed):
/// an event's deliveries are pushed into the alert's <c>outbox</c> by the same update that records the event, then
/// copied into <c>alert_deliveries</c> under their own ids (a repeat copy is a duplicate key, ignored) and pulled
/// from the alert. A crash in between leaves them in the alert, where <see cref="RelayStrandedAsync"/> finds them.</summary>
internal sealed class MongoAlertOutbox(MongoDatabaseProvider mongo)
{
    private const int DuplicateKey = 11000;

    private IMongoCollection<AlertDocument> Alerts => mongo.Collection<AlertDocument>(AlertsSchema.Collection);

    private IMongoCollection<AlertDeliveryDocument> Deliveries => mongo.Collection<AlertDeliveryDocument>(AlertDeliverySchema.Deliveries);

    public async Task RelayAsync(string alertId, IReadOnlyList<AlertDeliveryDocument> outbox, CancellationToken cancellationToken)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        try
        {
            await Deliveries.InsertManyAsync(outbox, new InsertManyOptions { IsOrdered = false }, cancellationToken);
        }
        catch (MongoBulkWriteException<AlertDeliveryDocument> ex) when (ex.WriteErrors.All(e => e.Code == DuplicateKey) && ex.WriteConcernError is null)
        {
            // Already relayed (by a sweep that raced this call): nothing is lost and nothing doubles.
        }

        await Alerts.UpdateOneAsync(AlertMongoQueries.ById(alertId), AlertMongoQueries.PullRelayed(outbox.Select(d => d.Id).ToList()),
            cancellationToken: cancellationToken);
    }

    public async Task RelayStrandedAsync(CancellationToken cancellationToken)
    {
        var stranded = await Alerts.Find(AlertMongoQueries.HoldingOutbox).ToListAsync(cancellationToken);
        foreach (var alert in stranded)
        {
            await RelayAsync(alert.Id, alert.Outbox ?? [], cancellationToken);
        }
    }
}
