using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Storage;

/// <summary><c>integrity_checks</c>: one record per check, never changed after it is written.</summary>
internal interface IIntegrityCheckStore
{
    Task InsertAsync(IntegrityCheckResult result, CancellationToken cancellationToken);

    /// <summary>The newest checks of one type, newest first.</summary>
    Task<IReadOnlyList<IntegrityCheckResult>> ListRecentAsync(IntegrityCheckType type, int limit, CancellationToken cancellationToken);

    /// <summary>Retention: removes checks made before <paramref name="cutoff"/>; returns how many.</summary>
    Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
