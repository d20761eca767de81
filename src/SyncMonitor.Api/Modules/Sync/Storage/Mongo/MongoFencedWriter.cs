using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>Unordered bulk upserts fenced twice. Per document: a row is replaced only when its stored fencing token is
/// not newer than the writer's; when it is, the filter misses, the upsert collides with the unique key and that row is
/// counted as refused. Per batch: on a replica set the batch runs in a transaction that first touches the lease document
/// — matched on the writer's token, aborted when nothing matched — so a new owner's acquisition (which writes that
/// document) waits for the batch or the batch sees it and writes nothing: check and write cannot interleave. A standalone
/// server has no transactions: the token is checked before and again after the batch, so a writer that lost its lease
/// in between stops, but the rows of that one batch may already have landed. <c>afterWrite</c> runs after the rows,
/// in the same transaction when there is one (derived data such as the best-source flags).</summary>
internal sealed class MongoFencedWriter(MongoDatabaseProvider mongo, MongoSyncLeaseStore leases)
{
    public const string FencingField = "fencing_token";
    private const int DuplicateKey = 11000;

    /// <summary>Test seam: runs after the lease check and before the rows are written (a new owner racing the writer).</summary>
    internal Func<CancellationToken, Task>? AfterLeaseCheck { get; set; }

    public async Task<UpsertResult> UpsertAsync<T>(
        IMongoCollection<BsonDocument> collection,
        IReadOnlyList<T> rows,
        long fencingToken,
        Func<T, IReadOnlyList<(string Field, string Value)>> keyOf,
        CancellationToken cancellationToken,
        Func<IClientSessionHandle?, CancellationToken, Task>? afterWrite = null)
        => rows.Count == 0
            ? UpsertResult.Empty
            : (await WriteAsync(collection, rows, fencingToken, keyOf, cancellationToken, afterWrite)).Total();

    /// <summary>Several groups of rows as one unordered bulk (one lease check, one transaction on a replica set), with a
    /// result per group: each row's outcome is known by its index in the bulk.</summary>
    public async Task<IReadOnlyList<UpsertResult>> UpsertGroupsAsync<T>(
        IMongoCollection<BsonDocument> collection,
        IReadOnlyList<IReadOnlyList<T>> groups,
        long fencingToken,
        Func<T, IReadOnlyList<(string Field, string Value)>> keyOf,
        CancellationToken cancellationToken)
    {
        var rows = groups.SelectMany(g => g).ToList();
        if (rows.Count == 0)
        {
            return groups.Select(_ => UpsertResult.Empty).ToList();
        }

        return (await WriteAsync(collection, rows, fencingToken, keyOf, cancellationToken, afterWrite: null)).Split(groups.Select(g => g.Count));
    }

    private async Task<BulkOutcome> WriteAsync<T>(
        IMongoCollection<BsonDocument> collection,
        IReadOnlyList<T> rows,
        long fencingToken,
        Func<T, IReadOnlyList<(string Field, string Value)>> keyOf,
        CancellationToken cancellationToken,
        Func<IClientSessionHandle?, CancellationToken, Task>? afterWrite)
    {
        var models = rows.Select(row => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(
            Filter(keyOf(row), fencingToken),
            new BsonDocument("$set", row.ToBsonDocument().Add(FencingField, fencingToken)))
        { IsUpsert = true }).ToList();
        string KeyText(int index) => string.Join('|', keyOf(rows[index]).Select(k => k.Value));

        if ((await mongo.TopologyAsync(cancellationToken)).SupportsTransactions)
        {
            return await OutcomeWithoutFailingRowsAsync(models, KeyText, inTransaction: true, batch => mongo.InTransactionAsync(async (session, token) =>
            {
                var touched = await leases.Leases.UpdateOneAsync(session, LeaseCheck(fencingToken), Touch, cancellationToken: token);
                if (touched.MatchedCount == 0)
                {
                    throw new StaleLeaseException(fencingToken);
                }

                await RunSeamAsync(token);
                var written = await collection.BulkWriteAsync(session, batch, Unordered, token);
                await (afterWrite?.Invoke(session, token) ?? Task.CompletedTask);
                return written;
            }, cancellationToken));
        }

        if (await leases.CurrentFencingTokenAsync(cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        await RunSeamAsync(cancellationToken);
        var result = await OutcomeWithoutFailingRowsAsync(models, KeyText, inTransaction: false, batch => collection.BulkWriteAsync(batch, Unordered, cancellationToken));
        await (afterWrite?.Invoke(null, cancellationToken) ?? Task.CompletedTask);
        if (await leases.CurrentFencingTokenAsync(cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        return result;
    }

    private Task RunSeamAsync(CancellationToken cancellationToken) => AfterLeaseCheck?.Invoke(cancellationToken) ?? Task.CompletedTask;

    private static BulkWriteOptions Unordered { get; } = new() { IsOrdered = false };

    /// <summary>Writes the batch; rows the server refuses are counted as row errors. Outside a transaction the unordered
    /// bulk went on past them and its partial result counts the rest. Inside one a write error aborts the whole
    /// transaction, so the rest is written again without the refused rows; every attempt drops at least one row, so
    /// this ends. Every index in the outcome is the row's index in <paramref name="models"/>.</summary>
    internal static async Task<UpsertResult> WithoutFailingRowsAsync(
        IReadOnlyList<WriteModel<BsonDocument>> models,
        Func<int, string> keyOf,
        bool inTransaction,
        Func<IReadOnlyList<WriteModel<BsonDocument>>, Task<BulkWriteResult<BsonDocument>>> write)
        => (await OutcomeWithoutFailingRowsAsync(models, keyOf, inTransaction, write)).Total();

    internal static async Task<BulkOutcome> OutcomeWithoutFailingRowsAsync(
        IReadOnlyList<WriteModel<BsonDocument>> models,
        Func<int, string> keyOf,
        bool inTransaction,
        Func<IReadOnlyList<WriteModel<BsonDocument>>, Task<BulkWriteResult<BsonDocument>>> write)
    {
        var remaining = Enumerable.Range(0, models.Count).ToList();
        var errors = new List<(int Index, RowError Error)>();
        while (true)
        {
            try
            {
                var result = await write(remaining.Select(i => models[i]).ToList());
                return new BulkOutcome(models.Count, result.Upserts.Select(u => remaining[u.Index]).ToList(), result.MatchedCount, errors);
            }
            catch (MongoBulkWriteException<BsonDocument> ex) when (ex.WriteErrors.Count > 0)
            {
                var failed = ex.WriteErrors.Select(e => e.Index).ToHashSet();
                errors.AddRange(ex.WriteErrors.OrderBy(e => e.Index).Select(e => (remaining[e.Index], new RowError(keyOf(remaining[e.Index]),
                    e.Code == DuplicateKey ? "refused: a sync with a newer fencing token wrote this row" : e.Message))));
                if (!inTransaction)
                {
                    return new BulkOutcome(models.Count, ex.Result.Upserts.Select(u => remaining[u.Index]).ToList(), ex.Result.MatchedCount, errors);
                }

                remaining = remaining.Where((_, position) => !failed.Contains(position)).ToList();
                if (remaining.Count == 0)
                {
                    return new BulkOutcome(models.Count, [], 0, errors);
                }
            }
        }
    }

    /// <summary>The lease document as long as it carries the writer's token and is held.</summary>
    internal static FilterDefinition<LeaseDocument> LeaseCheck(long fencingToken) => Builders<LeaseDocument>.Filter.And(
        Builders<LeaseDocument>.Filter.Eq(l => l.Id, LeaseDocument.GlobalId),
        Builders<LeaseDocument>.Filter.Eq(l => l.FencingToken, fencingToken),
        Builders<LeaseDocument>.Filter.Ne(l => l.OwnerToken, null));

    /// <summary>Writing the lease document makes the transaction conflict with any acquisition running at the same time.</summary>
    internal static UpdateDefinition<LeaseDocument> Touch { get; } = Builders<LeaseDocument>.Update.CurrentDate("last_write_at");

    /// <summary>The row's key, and a stored token that is absent or not newer than the writer's.</summary>
    public static FilterDefinition<BsonDocument> Filter(IReadOnlyList<(string Field, string Value)> key, long fencingToken)
    {
        var filter = Builders<BsonDocument>.Filter;
        return filter.And(key.Select(k => filter.Eq(k.Field, k.Value)).Append(
            filter.Or(filter.Exists(FencingField, false), filter.Lte(FencingField, fencingToken))));
    }
}
