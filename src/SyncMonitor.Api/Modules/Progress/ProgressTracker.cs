using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Tasks;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>Tracks this process's tasks in memory and answers for any task: from memory when the task runs here,
/// else from the stores (Redis, the fallback file — the newest of the two), so progress is still answered after a
/// restart or from another instance.</summary>
internal sealed class ProgressTracker(
    IProgressStore store,
    ProgressWriter writer,
    TimeProvider time,
    IOptions<ProgressOptions> options,
    ILogger<ProgressTracker> logger) : IProgressTracker
{
    private readonly ConcurrentDictionary<string, TrackedTask> _tasks = new(StringComparer.Ordinal);

    public async Task<ITaskProgress> StartAsync(string taskId, string taskType, IReadOnlyList<ProgressStep> steps, CancellationToken cancellationToken)
    {
        TaskIdFormat.EnsureValid(taskId);
        var task = new TrackedTask(new TaskProgressModel(taskId, taskType, steps, time.GetUtcNow()), writer, time, logger);
        _tasks.AddOrUpdate(
            taskId,
            task,
            (_, existing) => existing.IsRunning
                ? throw new InvalidOperationException($"Task {taskId} is already being tracked and still running.")
                : task);
        await task.FlushAsync(wait: true);
        return task;
    }

    public async Task<TaskProgressSnapshot?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        TaskIdFormat.EnsureValid(taskId);
        return _tasks.TryGetValue(taskId, out var task)
            ? task.Snapshot()
            : await store.ReadAsync(taskId, cancellationToken);
    }

    public async Task MarkInterruptedAsync(string taskId, string reason, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(taskId, cancellationToken);
        if (snapshot is { Status: ProgressState.Running } && !_tasks.ContainsKey(taskId))
        {
            await writer.WriteAsync(snapshot with { Status = ProgressState.Failed, Message = reason, UpdatedAt = time.GetUtcNow(), Outcome = "failed" });
        }
    }

    /// <summary>One tick: writes and pushes each task changed since its last write (at most once per task).</summary>
    public Task FlushChangedAsync() => Task.WhenAll(_tasks.Values.Select(t => t.FlushAsync(wait: false)));

    /// <summary>At shutdown: waits for writes in progress and writes every pending change.</summary>
    public Task FlushAllAsync() => Task.WhenAll(_tasks.Values.Select(t => t.FlushAsync(wait: true)));

    /// <summary>Forgets tasks not updated for longer than the TTL; their stored copies answer (or expire) instead.</summary>
    public int EvictExpired()
    {
        var cutoff = time.GetUtcNow() - options.Value.Ttl;
        var evicted = 0;
        foreach (var (taskId, task) in _tasks)
        {
            if (task.UpdatedAt < cutoff && _tasks.TryRemove(new KeyValuePair<string, TrackedTask>(taskId, task)))
            {
                evicted++;
            }
        }

        return evicted;
    }
}
