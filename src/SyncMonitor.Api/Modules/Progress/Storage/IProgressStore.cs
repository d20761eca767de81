namespace SyncMonitor.Api.Modules.Progress.Storage;

/// <summary>Where snapshots outlive the process. Implementations never throw for storage trouble.</summary>
internal interface IProgressStore
{
    /// <summary>Stores the snapshot; false when no store took it (logged and counted).</summary>
    Task<bool> SaveAsync(TaskProgressSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The newest stored snapshot of a task, or null when no reachable store has one.</summary>
    Task<TaskProgressSnapshot?> ReadAsync(string taskId, CancellationToken cancellationToken);
}

internal static class SnapshotOrder
{
    /// <summary>The later of two copies of one task's progress: the later update, then the higher percentage,
    /// then a final state over a running one. Either may be null.</summary>
    public static TaskProgressSnapshot? Newest(TaskProgressSnapshot? a, TaskProgressSnapshot? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var byTime = a.UpdatedAt.CompareTo(b.UpdatedAt);
        if (byTime != 0)
        {
            return byTime > 0 ? a : b;
        }

        if (a.Progress != b.Progress)
        {
            return a.Progress > b.Progress ? a : b;
        }

        return b.Status != ProgressState.Running && a.Status == ProgressState.Running ? b : a;
    }
}
