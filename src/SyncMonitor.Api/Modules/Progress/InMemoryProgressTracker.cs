using System.Collections.Concurrent;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>Process-local tracker: the weighted-step arithmetic with no persistence.
/// Placeholder until the Redis/file tracker lands; keeps the same contract.</summary>
internal sealed class InMemoryProgressTracker(TimeProvider time) : IProgressTracker
{
    private readonly ConcurrentDictionary<string, TaskProgressSnapshot> _tasks = new();

    public Task<ITaskProgress> StartAsync(string taskId, string taskType, IReadOnlyList<ProgressStep> steps, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _tasks[taskId] = new TaskProgressSnapshot(taskId, taskType, ProgressState.Running, 0, null,
            steps.Select(s => new StepProgressSnapshot(s.Name, s.Weight, ProgressState.Pending, 0, null, null)).ToList(),
            null, now, now, 0, null);
        return Task.FromResult<ITaskProgress>(new Handle(this, taskId));
    }

    public Task<TaskProgressSnapshot?> GetAsync(string taskId, CancellationToken cancellationToken)
        => Task.FromResult(_tasks.TryGetValue(taskId, out var snapshot) ? snapshot : null);

    private void Update(string taskId, Func<TaskProgressSnapshot, DateTimeOffset, TaskProgressSnapshot> change)
    {
        var now = time.GetUtcNow();
        _tasks.AddOrUpdate(taskId, _ => throw new InvalidOperationException("unknown task"), (_, old) =>
        {
            var next = change(old, now);
            var progress = Math.Max(old.Progress, Math.Round(next.Steps.Sum(s => s.Weight * s.Progress) * 100, 2));
            return next with { Progress = progress, UpdatedAt = now, ElapsedSeconds = (now - next.StartedAt).TotalSeconds };
        });
    }

    private static TaskProgressSnapshot WithStep(TaskProgressSnapshot task, string step, Func<StepProgressSnapshot, StepProgressSnapshot> change)
        => task with { Steps = task.Steps.Select(s => s.Name == step ? change(s) : s).ToList(), CurrentStep = step };

    private sealed class Handle(InMemoryProgressTracker tracker, string taskId) : ITaskProgress
    {
        public string TaskId => taskId;

        public Task BeginStepAsync(string step, string? message = null)
            => Change((t, now) => WithStep(t, step, s => s with { Status = ProgressState.Running, StartedAt = now }) with { Message = message ?? t.Message });

        public Task ReportAsync(string step, double fraction, string? message = null)
            => Change((t, _) => WithStep(t, step, s => s with { Progress = Math.Clamp(Math.Max(s.Progress, fraction), 0, 1) }) with { Message = message ?? t.Message });

        public Task CompleteStepAsync(string step)
            => Change((t, now) => WithStep(t, step, s => s with { Status = ProgressState.Completed, Progress = 1, FinishedAt = now }));

        public Task MarkCompletedAsync(string? message = null)
            => Change((t, now) => t with
            {
                Status = ProgressState.Completed,
                Message = message ?? t.Message,
                Steps = t.Steps.Select(s => s with { Status = ProgressState.Completed, Progress = 1, FinishedAt = s.FinishedAt ?? now }).ToList(),
            });

        public Task MarkFailedAsync(string reason) => Change((t, _) => t with { Status = ProgressState.Failed, Message = reason });

        public Task MarkCancelledAsync(string? reason = null) => Change((t, _) => t with { Status = ProgressState.Cancelled, Message = reason ?? t.Message });

        private Task Change(Func<TaskProgressSnapshot, DateTimeOffset, TaskProgressSnapshot> change)
        {
            tracker.Update(taskId, change);
            return Task.CompletedTask;
        }
    }
}
