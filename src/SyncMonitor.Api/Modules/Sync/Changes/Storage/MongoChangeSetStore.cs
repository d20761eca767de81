using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>Change sets on MongoDB. The lease token is checked before and after the writes (as the standalone path
/// of <see cref="MongoFencedWriter"/> does): a writer that lost its lease stops, and its partial change set is
/// replaced by key if its run is ever written again.</summary>
internal sealed class MongoChangeSetStore : IChangeSetStore
{
    private readonly IMongoCollection<ChangeSetRecord> _sets;
    private readonly IMongoCollection<StockChangeDocument> _changes;
    private readonly MongoSyncLeaseStore _leases;

    public MongoChangeSetStore(MongoDatabaseProvider mongo, MongoSyncLeaseStore leases)
    {
        ChangeMongoMaps.Register();
        _sets = mongo.Collection<ChangeSetRecord>(ChangeMongoMaps.ChangeSets);
        _changes = mongo.Collection<StockChangeDocument>(ChangeMongoMaps.Changes);
        _leases = leases;
    }

    public async Task SaveAsync(ChangeSetRecord record, IReadOnlyList<StockChange> entries, CancellationToken cancellationToken)
    {
        await EnsureTokenAsync(record.FencingToken, cancellationToken);
        if (entries.Count > 0)
        {
            await _changes.BulkWriteAsync(entries.Select(e => ReplaceChange(record.TaskId, e)), Unordered, cancellationToken);
        }

        await _sets.ReplaceOneAsync(SetFilter(record.TaskId), record, new ReplaceOptions { IsUpsert = true }, cancellationToken);
        await EnsureTokenAsync(record.FencingToken, cancellationToken);
    }

    public async Task<ChangeSetRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
        => await _sets.Find(SetFilter(taskId)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ChangeSetRecord>> ListBySourceAsync(string source, CancellationToken cancellationToken)
        => await _sets.Find(Builders<ChangeSetRecord>.Filter.Eq(r => r.Source, source))
            .SortByDescending(r => r.SeenAt).ToListAsync(cancellationToken);

    public async Task<(IReadOnlyList<StockChange> Items, long Total)> PageAsync(
        string taskId, string? kind, int page, int pageSize, CancellationToken cancellationToken)
    {
        var filter = ChangeFilter(taskId, kind);
        var items = await _changes.Find(filter).SortBy(c => c.Code).Skip((page - 1) * pageSize).Limit(pageSize).ToListAsync(cancellationToken);
        return (items.Select(d => d.ToChange()).ToList(), await _changes.CountDocumentsAsync(filter, cancellationToken: cancellationToken));
    }

    public async Task<bool> TryMoveAsync(
        string taskId, ChangeSetState from, ChangeSetState to, string by, DateTimeOffset at, string? byTaskId, CancellationToken cancellationToken)
    {
        var result = await _sets.UpdateOneAsync(StateFilter(taskId, from), Resolve(to, by, at, byTaskId), cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    internal static FilterDefinition<ChangeSetRecord> SetFilter(string taskId) => Builders<ChangeSetRecord>.Filter.Eq(r => r.TaskId, taskId);

    /// <summary>Only a set still in <paramref name="state"/>: a concurrent approve and discard cannot both match.</summary>
    internal static FilterDefinition<ChangeSetRecord> StateFilter(string taskId, ChangeSetState state)
        => SetFilter(taskId) & Builders<ChangeSetRecord>.Filter.Eq(r => r.State, state);

    internal static UpdateDefinition<ChangeSetRecord> Resolve(ChangeSetState to, string by, DateTimeOffset at, string? byTaskId)
        => Builders<ChangeSetRecord>.Update.Set(r => r.State, to).Set(r => r.ResolvedBy, by).Set(r => r.ResolvedAt, at)
            .Set(r => r.ResolvedByTaskId, byTaskId);

    /// <summary>The run's entries; with a kind, those whose kinds array contains it.</summary>
    internal static FilterDefinition<StockChangeDocument> ChangeFilter(string taskId, string? kind)
    {
        var filter = Builders<StockChangeDocument>.Filter.Eq(c => c.TaskId, taskId);
        return kind is null ? filter : filter & Builders<StockChangeDocument>.Filter.AnyEq(c => c.Kinds, kind);
    }

    internal static ReplaceOneModel<StockChangeDocument> ReplaceChange(string taskId, StockChange change)
    {
        var document = StockChangeDocument.From(taskId, change);
        return new ReplaceOneModel<StockChangeDocument>(Builders<StockChangeDocument>.Filter.Eq(c => c.Id, document.Id), document) { IsUpsert = true };
    }

    private static BulkWriteOptions Unordered { get; } = new() { IsOrdered = false };

    private async Task EnsureTokenAsync(long fencingToken, CancellationToken cancellationToken)
    {
        if (await _leases.CurrentFencingTokenAsync(cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }
    }
}
