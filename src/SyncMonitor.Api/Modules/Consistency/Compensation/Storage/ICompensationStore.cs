namespace SyncMonitor.Api.Modules.Consistency.Compensation.Storage;

/// <summary><c>compensations</c>: one record per compensation, keyed by its task id. Only the compensation's own
/// run (and its rollback, under the same global lock) change it.</summary>
internal interface ICompensationStore
{
    /// <summary>Stores the record unless one with its id exists (the endpoint's first view of a run that may
    /// already have written its own).</summary>
    Task InsertIfAbsentAsync(CompensationRecord record, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record of its id.</summary>
    Task SaveAsync(CompensationRecord record, CancellationToken cancellationToken);

    Task<CompensationRecord?> GetAsync(string id, CancellationToken cancellationToken);
}
