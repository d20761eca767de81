using System.Collections.Concurrent;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The runs executing in this process, by task id: added when a run starts, removed when its end is
/// written (or could not be), whatever happened.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<string, ActiveRun> _runs = new(StringComparer.Ordinal);

    internal IReadOnlyCollection<ActiveRun> All => [.. _runs.Values];

    internal bool TryGet(string taskId, out ActiveRun run) => _runs.TryGetValue(taskId, out run!);

    internal void Add(ActiveRun run) => _runs[run.Run.TaskId] = run;

    internal void Remove(ActiveRun run) => _runs.TryRemove(run.Run.TaskId, out _);
}
