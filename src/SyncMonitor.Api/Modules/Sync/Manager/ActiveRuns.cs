using System.Collections.Concurrent;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The runs executing in this process, by task id: added when a run starts, removed when its end is
/// written (or could not be), whatever happened. Runs whose end could not be written are remembered with that end
/// until the store shows them terminal (the next acquisition or orphan sweep), so this instance's status tells how
/// they ended rather than the <c>running</c> record left behind.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<string, ActiveRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SyncStats> _unrecorded = new(StringComparer.Ordinal);

    internal void EndedUnrecorded(SyncStats final) => _unrecorded[final.TaskId] = final;

    /// <summary>The stored run, or this process's end of it while the store still says <c>running</c>.</summary>
    internal SyncStats? Truthful(SyncStats? stored)
    {
        if (stored is null || !_unrecorded.TryGetValue(stored.TaskId, out var ended))
        {
            return stored;
        }

        if (stored.Status == SyncRunStatus.Running)
        {
            return ended;
        }

        _unrecorded.TryRemove(stored.TaskId, out _);
        return stored;
    }

    internal IReadOnlyCollection<ActiveRun> All => [.. _runs.Values];

    internal bool TryGet(string taskId, out ActiveRun run) => _runs.TryGetValue(taskId, out run!);

    internal void Add(ActiveRun run) => _runs[run.Run.TaskId] = run;

    internal void Remove(ActiveRun run) => _runs.TryRemove(run.Run.TaskId, out _);
}
