using SyncMonitor.Api.Modules.Progress;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>What a run does once it holds the lease. The SyncManager owns the lease, the run record, progress
/// start/end, cancellation and listeners; a work only fetches and writes, reporting into its <see cref="RunContext"/>.</summary>
public interface ISyncWork
{
    /// <summary><c>job</c> of the run record, e.g. <c>stock_basics</c>.</summary>
    string Job { get; }

    /// <summary><c>data_type</c> of the run record: the table it writes.</summary>
    string DataType { get; }

    /// <summary>Requested range (YYYYMMDD) for batch runs; shown in <c>current_task</c>.</summary>
    string? StartDate => null;

    string? EndDate => null;

    IReadOnlyList<ProgressStep> Steps { get; }

    Task ExecuteAsync(RunContext context);
}
