using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

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

    public Task UpdateAsync(SyncStats run, CancellationToken cancellationToken)
        => _runs.ReplaceOneAsync(Filter.Eq(r => r.TaskId, run.TaskId), run, cancellationToken: cancellationToken);

    public async Task<SyncStats?> GetAsync(string taskId, CancellationToken cancellationToken)
        => await _runs.Find(Filter.Eq(r => r.TaskId, taskId)).FirstOrDefaultAsync(cancellationToken);

    public async Task<SyncStats?> GetLatestAsync(string? job, CancellationToken cancellationToken)
        => await _runs.Find(job is null ? Filter.Empty : Filter.Eq(r => r.Job, job)).Sort(NewestFirst).FirstOrDefaultAsync(cancellationToken);

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
