using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>The lease as one document taken with <c>findOneAndUpdate</c>: the filter admits only a free or expired
/// lease, and on first use the upsert creates it. When the lease is held the filter misses, the upsert tries to
/// insert a second <c>global</c> document and the duplicate key says "busy".</summary>
internal sealed class MongoSyncLeaseStore : ISyncLeaseStore
{
    private const int DuplicateKey = 11000;
    private readonly IMongoCollection<LeaseDocument> _leases;

    public MongoSyncLeaseStore(MongoDatabaseProvider mongo)
    {
        SyncMongoMaps.Register();
        _leases = mongo.Collection<LeaseDocument>(SyncMongoMaps.SyncLock);
    }

    private static FilterDefinitionBuilder<LeaseDocument> Filter => Builders<LeaseDocument>.Filter;

    private static UpdateDefinitionBuilder<LeaseDocument> Update => Builders<LeaseDocument>.Update;

    public async Task<LeaseAcquisition> TryAcquireAsync(LeaseClaim claim, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var free = Filter.And(
            Filter.Eq(l => l.Id, LeaseDocument.GlobalId),
            Filter.Or(Filter.Eq(l => l.OwnerToken, null), Filter.Lte(l => l.ExpiresAt, now)));
        var take = Update.Inc(l => l.FencingToken, 1).Set(l => l.OwnerToken, claim.OwnerToken)
            .Set(l => l.ExpiresAt, now + duration).Set(l => l.Task, claim.Task).Set(l => l.CancelRequested, false);
        try
        {
            var before = await _leases.FindOneAndUpdateAsync(free, take,
                new FindOneAndUpdateOptions<LeaseDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.Before }, cancellationToken);
            var token = (before?.FencingToken ?? 0) + 1;
            return new LeaseAcquisition(new HeldLease(claim.OwnerToken, token), null, before?.OwnerToken is not null ? before.Task : null);
        }
        catch (MongoCommandException ex) when (ex.Code == DuplicateKey)
        {
            var holder = await GetAsync(cancellationToken);
            return holder is null ? await TryAcquireAsync(claim, now, duration, cancellationToken) : LeaseAcquisition.Busy(holder);
        }
    }

    public async Task<bool> RenewAsync(HeldLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var result = await _leases.UpdateOneAsync(Held(lease), Update.Set(l => l.ExpiresAt, now + duration), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    public Task ReleaseAsync(HeldLease lease, CancellationToken cancellationToken)
        => _leases.UpdateOneAsync(Held(lease), Update.Set(l => l.OwnerToken, null).Set(l => l.ExpiresAt, null)
            .Set(l => l.Task, null).Set(l => l.CancelRequested, false), cancellationToken: cancellationToken);

    public async Task<bool> RequestCancelAsync(string taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var running = Filter.And(
            Filter.Eq(l => l.Id, LeaseDocument.GlobalId),
            Filter.Ne(l => l.OwnerToken, null),
            Filter.Gt(l => l.ExpiresAt, now),
            Filter.Eq(l => l.Task!.TaskId, taskId));
        var result = await _leases.UpdateOneAsync(running, Update.Set(l => l.CancelRequested, true), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    public async Task<LeaseState?> GetAsync(CancellationToken cancellationToken)
        => (await _leases.Find(Filter.Eq(l => l.Id, LeaseDocument.GlobalId)).FirstOrDefaultAsync(cancellationToken))?.ToState();

    /// <summary>The fencing token the lease holds now; fenced writers compare theirs before writing.</summary>
    internal async Task<long> CurrentFencingTokenAsync(CancellationToken cancellationToken)
        => (await GetAsync(cancellationToken))?.FencingToken ?? 0;

    internal static FilterDefinition<LeaseDocument> Held(HeldLease lease) => Filter.And(
        Filter.Eq(l => l.Id, LeaseDocument.GlobalId),
        Filter.Eq(l => l.OwnerToken, lease.OwnerToken),
        Filter.Eq(l => l.FencingToken, lease.FencingToken));
}
