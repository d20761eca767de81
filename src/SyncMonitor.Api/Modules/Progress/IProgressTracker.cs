namespace SyncMonitor.Api.Modules.Progress;

/// <summary>A weighted step of a task; the weights of a task's steps add up to 1.</summary>
public sealed record ProgressStep(string Name, double Weight);

/// <summary>Tracks the progress of running tasks and answers for any task by id.</summary>
public interface IProgressTracker
{
    /// <summary>Starts tracking a task with its steps (all pending).</summary>
    Task<ITaskProgress> StartAsync(string taskId, string taskType, IReadOnlyList<ProgressStep> steps, CancellationToken cancellationToken);

    /// <summary>The latest snapshot, or null for an unknown task id.</summary>
    Task<TaskProgressSnapshot?> GetAsync(string taskId, CancellationToken cancellationToken);
}

/// <summary>The writer side for one task. Calls are cheap and never throw for storage trouble.</summary>
public interface ITaskProgress
{
    string TaskId { get; }

    Task BeginStepAsync(string step, string? message = null);

    /// <summary>Progress inside a running step, 0..1.</summary>
    Task ReportAsync(string step, double fraction, string? message = null);

    Task CompleteStepAsync(string step);

    Task MarkCompletedAsync(string? message = null);

    Task MarkFailedAsync(string reason);

    Task MarkCancelledAsync(string? reason = null);
}

public enum ProgressState
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

public sealed record StepProgressSnapshot(
    string Name,
    double Weight,
    ProgressState Status,
    double Progress,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>What <c>GET /api/sync/tasks/{task_id}/progress</c> returns.</summary>
public sealed record TaskProgressSnapshot(
    string TaskId,
    string TaskType,
    ProgressState Status,
    double Progress,
    string? CurrentStep,
    IReadOnlyList<StepProgressSnapshot> Steps,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    double ElapsedSeconds,
    double? EstimatedRemainingSeconds);
