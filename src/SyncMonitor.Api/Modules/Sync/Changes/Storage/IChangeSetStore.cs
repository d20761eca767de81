using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>Where a run's change set stands: written with its rows, or held (rows staged) until an operator
/// approves or discards it.</summary>
public enum ChangeSetState
{
    Applied,
    Held,

    /// <summary>An approval run is applying the staged rows (back to held if it fails).</summary>
    Approving,
    Approved,
    Discarded,
}

/// <summary>One run's change set header (<c>sync_change_sets</c>). <see cref="SeenAt"/> is the <c>updated_at</c> the
/// run gave its rows: a stored row is last seen by the newest written run whose <see cref="SeenAt"/> is not after
/// the row's.</summary>
public sealed record ChangeSetRecord
{
    public required string TaskId { get; init; }

    public required string Source { get; init; }

    public required long FencingToken { get; init; }

    public required DateTimeOffset SeenAt { get; init; }

    public required ChangeSetState State { get; init; }

    public required ChangeSummary Summary { get; init; }

    public string? ResolvedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The approval run that applied a held run's rows.</summary>
    public string? ResolvedByTaskId { get; init; }

    /// <summary>Whether the run's rows reached <c>stock_basic_info</c> (written, or approved).</summary>
    public bool Written => State is ChangeSetState.Applied or ChangeSetState.Approved;
}

/// <summary><c>sync_change_sets</c> (one header per stock-basics run) and <c>sync_changes</c> (one row per changed
/// code). Writes are fenced like the data they describe: a stale token is refused with
/// <see cref="Storage.StaleLeaseException"/>. Retained like the run history (never pruned).</summary>
public interface IChangeSetStore
{
    Task SaveAsync(ChangeSetRecord record, IReadOnlyList<StockChange> entries, CancellationToken cancellationToken);

    Task<ChangeSetRecord?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Headers of one source, newest <see cref="ChangeSetRecord.SeenAt"/> first.</summary>
    Task<IReadOnlyList<ChangeSetRecord>> ListBySourceAsync(string source, CancellationToken cancellationToken);

    /// <summary>Entries of one run in code order, optionally only those of one kind.</summary>
    Task<(IReadOnlyList<StockChange> Items, long Total)> PageAsync(string taskId, string? kind, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Moves a change set from <paramref name="from"/> to <paramref name="to"/>, only if it is still in
    /// <paramref name="from"/>; false when it was not (unknown, or moved on): the gate that lets exactly one approve
    /// or discard win.</summary>
    Task<bool> TryMoveAsync(string taskId, ChangeSetState from, ChangeSetState to, string by, DateTimeOffset at, string? byTaskId, CancellationToken cancellationToken);
}

/// <summary><c>stock_basic_staging</c>: the rows of a held run, until it is approved (applied by a run of its own)
/// or discarded. Staging is fenced like every write of a run.</summary>
public interface IStagedRowStore
{
    Task StageAsync(string taskId, IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken);

    /// <summary>The staged rows of a run, in code order.</summary>
    Task<IReadOnlyList<StockBasic>> ReadAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Drops a run's staged rows; returns how many went.</summary>
    Task<long> DropAsync(string taskId, CancellationToken cancellationToken);
}
