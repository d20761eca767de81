using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>Runs as documents keyed by task id. The final record is a replace conditional on the record still being
/// running under the run's fencing token; the lease is released by the caller right after (two commands: another
/// instance may see the run ended a few milliseconds before the lease is free, and waits for that, see
/// <c>SyncManager</c>).</summary>
internal sealed class MongoSyncRunStore : ISyncRunStore
{
    private readonly IMongoCollection<SyncStats> _runs;

    public MongoSyncRunStore(MongoDatabaseProvider mongo)
    {
        SyncMongoMaps.Register();
        _runs = mongo.Collection<SyncStats>(SyncMongoMaps.SyncStatus);
    }

    private static FilterDefinitionBuilder<SyncStats> Filter => Builders<SyncStats>.Filter;

    private static SortDefinition<SyncStats> NewestFirst => Builders<SyncStats>.Sort.Descending(r => r.StartedAt);

    public Task InsertAsync(SyncStats run, CancellationToken cancellationToken)
        => _runs.InsertOneAsync(run, cancellationToken: cancellationToken);

    public async Task<bool> FinishAsync(SyncStats final, HeldLease? release, CancellationToken cancellationToken)
        => (await _runs.ReplaceOneAsync(FinishFilter(final), final, cancellationToken: cancellationToken)).MatchedCount == 1;

    public async Task<SyncStats?> GetAsync(string taskId, CancellationToken cancellationToken)
        => await _runs.Find(Filter.Eq(r => r.TaskId, taskId)).FirstOrDefaultAsync(cancellationToken);

    public async Task<SyncStats?> GetLatestAsync(IReadOnlyCollection<string>? jobs, CancellationToken cancellationToken)
        => await _runs.Find(LatestFilter(jobs)).Sort(NewestFirst).FirstOrDefaultAsync(cancellationToken);

    internal static FilterDefinition<SyncStats> LatestFilter(IReadOnlyCollection<string>? jobs)
        => jobs is null ? Filter.Empty : Filter.In(r => r.Job, jobs);

    /// <summary>The record of <paramref name="final"/>'s task while it is still running under the same fencing token: a
    /// finish landing after crash recovery marked the run failed matches nothing and leaves that verdict.</summary>
    internal static FilterDefinition<SyncStats> FinishFilter(SyncStats final)
        => Filter.Eq(r => r.TaskId, final.TaskId) & Filter.Eq(r => r.Status, SyncRunStatus.Running) & Filter.Eq(r => r.FencingToken, final.FencingToken);

    public async Task<(IReadOnlyList<SyncStats> Items, long Total)> ListAsync(SyncRunQuery query, CancellationToken cancellationToken)
    {
        var filter = QueryFilter(query);
        var items = await _runs.Find(filter).Sort(NewestFirst).Skip((query.Page - 1) * query.PageSize).Limit(query.PageSize)
            .ToListAsync(cancellationToken);
        return (items, await _runs.CountDocumentsAsync(filter, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SyncStats>> FailOrphanedAsync(long belowFencingToken, string message, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        var orphaned = OrphanFilter(belowFencingToken);
        var orphans = await _runs.Find(orphaned).ToListAsync(cancellationToken);
        var changed = new List<SyncStats>();
        foreach (var orphan in orphans)
        {
            var failed = orphan with { Status = SyncRunStatus.Failed, Message = message, FinishedAt = finishedAt };
            // Conditional on still running, so a concurrent recovery or the run's own late update never clashes.
            var result = await _runs.ReplaceOneAsync(Filter.Eq(r => r.TaskId, orphan.TaskId) & Filter.Eq(r => r.Status, SyncRunStatus.Running),
                failed, cancellationToken: cancellationToken);
            if (result.ModifiedCount == 1)
            {
                changed.Add(failed);
            }
        }

        return changed;
    }

    internal static FilterDefinition<SyncStats> QueryFilter(SyncRunQuery query)
    {
        var filter = Filter.Empty;
        if (query.Status is { } status)
        {
            filter &= Filter.Eq(r => r.Status, status);
        }

        if (query.TaskType is { } taskType)
        {
            filter &= Filter.Eq(r => r.TaskType, taskType);
        }

        if (query.Job is { } job)
        {
            filter &= Filter.Eq(r => r.Job, job);
        }

        if (query.StartedFrom is { } from)
        {
            filter &= Filter.Gte(r => r.StartedAt, from.CeilingToMillisecond());
        }

        return filter;
    }

    internal static FilterDefinition<SyncStats> OrphanFilter(long belowFencingToken)
        => Filter.Eq(r => r.Status, SyncRunStatus.Running)
           & Filter.Or(Filter.Eq(r => r.FencingToken, null), Filter.Lt(r => r.FencingToken, belowFencingToken));
}
