using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>Staged rows on MongoDB, one document per (run, code), fenced before and after like change sets.</summary>
internal sealed class MongoStagedRowStore : IStagedRowStore
{
    private readonly IMongoCollection<StagedRowDocument> _staging;
    private readonly MongoSyncLeaseStore _leases;

    public MongoStagedRowStore(MongoDatabaseProvider mongo, MongoSyncLeaseStore leases)
    {
        ChangeMongoMaps.Register();
        SyncMongoMaps.Register();
        _staging = mongo.Collection<StagedRowDocument>(ChangeMongoMaps.Staging);
        _leases = leases;
    }

    public async Task StageAsync(string taskId, IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken)
    {
        await EnsureTokenAsync(fencingToken, cancellationToken);
        if (rows.Count > 0)
        {
            await _staging.BulkWriteAsync(rows.Select(r => Replace(taskId, r)), new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        }

        await EnsureTokenAsync(fencingToken, cancellationToken);
    }

    public async Task<IReadOnlyList<StockBasic>> ReadAsync(string taskId, CancellationToken cancellationToken)
        => (await _staging.Find(OfRun(taskId)).SortBy(d => d.Code).ToListAsync(cancellationToken)).Select(d => d.Row!).ToList();

    public async Task<long> DropAsync(string taskId, CancellationToken cancellationToken)
        => (await _staging.DeleteManyAsync(OfRun(taskId), cancellationToken)).DeletedCount;

    internal static FilterDefinition<StagedRowDocument> OfRun(string taskId) => Builders<StagedRowDocument>.Filter.Eq(d => d.TaskId, taskId);

    internal static ReplaceOneModel<StagedRowDocument> Replace(string taskId, StockBasic row)
    {
        var document = new StagedRowDocument { Id = ChangeMongoMaps.RowId(taskId, row.Code), TaskId = taskId, Code = row.Code, Row = row };
        return new ReplaceOneModel<StagedRowDocument>(Builders<StagedRowDocument>.Filter.Eq(d => d.Id, document.Id), document) { IsUpsert = true };
    }

    private async Task EnsureTokenAsync(long fencingToken, CancellationToken cancellationToken)
    {
        if (await _leases.CurrentFencingTokenAsync(cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }
    }
}
