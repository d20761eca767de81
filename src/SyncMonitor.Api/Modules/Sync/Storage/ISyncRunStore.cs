namespace SyncMonitor.Api.Modules.Sync.Storage;

/// <summary>What other modules may read of <c>sync_status</c> (integrity checks, dashboards).</summary>
public interface ISyncRunReader
{
    Task<SyncStats?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>The newest run (by start time) of any of <paramref name="jobs"/>, or of any job when null.</summary>
    Task<SyncStats?> GetLatestAsync(IReadOnlyCollection<string>? jobs, CancellationToken cancellationToken);

    /// <summary>Runs newest first, optionally filtered.</summary>
    Task<(IReadOnlyList<SyncStats> Items, long Total)> ListAsync(SyncRunQuery query, CancellationToken cancellationToken);
}

/// <summary><c>sync_status</c>: one record per run, written when the run starts and updated only by that run (or
/// by crash recovery). Runs are never overwritten by another run.</summary>
public interface ISyncRunStore : ISyncRunReader
{
    Task InsertAsync(SyncStats run, CancellationToken cancellationToken);

    /// <summary>Writes the final record of <paramref name="final"/>'s task, only while the stored record is still
    /// <c>running</c> under the same fencing token (and, where the store can check it in the same transaction, while
    /// that token is still the lease's). With <paramref name="release"/> the lease is released together with the
    /// write where the store can do both atomically (SQLite); otherwise the caller releases it right after. False when
    /// the record was not written: crash recovery already recorded a verdict (or the lease moved on), which stays.</summary>
    Task<bool> FinishAsync(SyncStats final, HeldLease? release, CancellationToken cancellationToken);

    /// <summary>Crash recovery: every run still <c>running</c> whose fencing token is below
    /// <paramref name="belowFencingToken"/> becomes <c>failed</c> with <paramref name="message"/>. Returns the runs changed.</summary>
    Task<IReadOnlyList<SyncStats>> FailOrphanedAsync(long belowFencingToken, string message, DateTimeOffset finishedAt, CancellationToken cancellationToken);
}

/// <summary>A page of runs, newest first; <see cref="StartedFrom"/> keeps runs started at or after that time.</summary>
public sealed record SyncRunQuery(
    int Page,
    int PageSize,
    SyncRunStatus? Status = null,
    SyncTaskType? TaskType = null,
    string? Job = null,
    DateTimeOffset? StartedFrom = null);
