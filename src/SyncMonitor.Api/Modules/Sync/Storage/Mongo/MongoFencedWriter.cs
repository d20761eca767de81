using MongoDB.Bson;
using MongoDB.Driver;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>Unordered bulk upserts fenced per document: a row is replaced only when its stored fencing token is not
/// newer than the writer's. When it is newer, the filter misses, the upsert collides with the unique key and that row
/// is counted as refused. Before the batch, the lease's current token is checked so a run that lost its lease stops.</summary>
internal static class MongoFencedWriter
{
    public const string FencingField = "fencing_token";

    public static async Task<UpsertResult> UpsertAsync<T>(
        IMongoCollection<BsonDocument> collection,
        MongoSyncLeaseStore leases,
        IReadOnlyList<T> rows,
        long fencingToken,
        Func<T, IReadOnlyList<(string Field, string Value)>> keyOf,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return UpsertResult.Empty;
        }

        if (await leases.CurrentFencingTokenAsync(cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        var models = rows.Select(row => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(
            Filter(keyOf(row), fencingToken),
            new BsonDocument("$set", row.ToBsonDocument().Add(FencingField, fencingToken)))
        { IsUpsert = true }).ToList();
        try
        {
            var result = await collection.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
            return new UpsertResult(result.Upserts.Count, result.MatchedCount, 0, []);
        }
        catch (MongoBulkWriteException<BsonDocument> ex)
        {
            var errors = ex.WriteErrors.Select(e => new RowError(
                string.Join('|', keyOf(rows[e.Index]).Select(k => k.Value)),
                e.Code == 11000 ? "refused: a sync with a newer fencing token wrote this row" : e.Message)).ToList();
            return new UpsertResult(ex.Result.Upserts.Count, ex.Result.MatchedCount, errors.Count, errors.Take(100).ToList());
        }
    }

    /// <summary>The row's key, and a stored token that is absent or not newer than the writer's.</summary>
    public static FilterDefinition<BsonDocument> Filter(IReadOnlyList<(string Field, string Value)> key, long fencingToken)
    {
        var filter = Builders<BsonDocument>.Filter;
        return filter.And(key.Select(k => filter.Eq(k.Field, k.Value)).Append(
            filter.Or(filter.Exists(FencingField, false), filter.Lte(FencingField, fencingToken))));
    }
}
