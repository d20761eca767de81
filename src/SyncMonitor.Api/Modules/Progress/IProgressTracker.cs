using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>A weighted step of a task; the weights of a task's steps add up to 1.</summary>
public sealed record ProgressStep(string Name, double Weight);

/// <summary>Tracks the progress of running tasks and answers for any task by id.</summary>
public interface IProgressTracker
{
    /// <summary>Starts tracking a task with its steps (all pending) and stores that first snapshot. The id must match
    /// <c>^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$</c> (else a ValidationException); weights are relative (normalized by
    /// their sum). Starting an id that is still running in this process throws InvalidOperationException.</summary>
    Task<ITaskProgress> StartAsync(string taskId, string taskType, IReadOnlyList<ProgressStep> steps, CancellationToken cancellationToken);

    /// <summary>The latest snapshot — from memory for tasks of this process, else the newest of Redis and the
    /// fallback file — or null for an unknown task id. A malformed id throws a ValidationException.</summary>
    Task<TaskProgressSnapshot?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Crash recovery: the stored progress of a task whose owner died is still <c>running</c>; it becomes
    /// failed with <paramref name="reason"/>. A task that is unknown or already final is left alone.</summary>
    Task MarkInterruptedAsync(string taskId, string reason, CancellationToken cancellationToken);
}

/// <summary>The writer side for one task. Calls are cheap and never throw for storage trouble: updates change
/// memory and are written and pushed at most <c>Progress:MaxUpdatesPerSecond</c> times a second; the final
/// calls (completed, failed, cancelled) are written and pushed before they return. After a final call, further
/// calls are ignored. Steps run in the order given; an unknown step name is logged and ignored.</summary>
public interface ITaskProgress
{
    string TaskId { get; }

    /// <summary>Starts a step; earlier steps still open count as completed from then on.</summary>
    Task BeginStepAsync(string step, string? message = null);

    /// <summary>Starts a step with a message kept as its resource key and arguments, read in each reader's language.</summary>
    Task BeginStepAsync(string step, LocalizedText message);

    /// <summary>Progress inside a step, 0..1 (a pending step begins; a lower value than before is ignored).</summary>
    Task ReportAsync(string step, double fraction, string? message = null);

    Task CompleteStepAsync(string step);

    /// <summary><paramref name="outcome"/>: the run record's final status (<c>success</c>, <c>success_with_errors</c>),
    /// served as <c>outcome</c> so progress and run record say the same; <c>status</c> stays <c>completed</c> (SPEC).</summary>
    Task MarkCompletedAsync(string? message = null, string? outcome = null, IReadOnlyList<LocalizedText>? messageParts = null);

    Task MarkFailedAsync(string reason, IReadOnlyList<LocalizedText>? reasonParts = null);

    Task MarkCancelledAsync(string? reason = null, IReadOnlyList<LocalizedText>? reasonParts = null);
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

/// <summary>What <c>GET /api/sync/tasks/{task_id}/progress</c> returns. <c>Message</c> is stored in the default language
/// (zh-CN); <c>MessageParts</c>, when present, are its resource keys with arguments, rendered per reader (absent in
/// snapshots stored before they existed, which then read as stored). <c>Progress</c> is a percentage (0–100, never
/// decreasing); a step's <c>Progress</c> is a fraction (0–1).</summary>
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
    double? EstimatedRemainingSeconds,
    string? Outcome = null,
    IReadOnlyList<LocalizedText>? MessageParts = null);
