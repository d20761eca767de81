using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The answer to a start request: the accepted run (with a task that completes when it ends), or the task
/// that holds the lock.</summary>
public sealed record SyncStart(SyncStats? Run, Task<SyncStats>? Completion, CurrentTask? Holder)
{
    public bool Started => Run is not null;

    public static SyncStart Busy(CurrentTask? holder) => new(null, null, holder);
}

public enum CancelOutcome
{
    /// <summary>The run was told to stop (here, or through the lease for a run on another instance).</summary>
    Requested,

    /// <summary>The task exists but has already ended.</summary>
    NotRunning,

    NotFound,
}

/// <summary>Messages of SPEC §3.1.</summary>
public static class SyncMessages
{
    /// <summary>The SPEC's wording for a run whose owner died, stored and served as is.</summary>
    public const string Interrupted = "interrupted (lease expired)";

    /// <summary>The stored (default-language) message of a run that lost its lease.</summary>
    public static string LeaseLost => RunMessages.Render([RunMessages.LeaseLost], Common.Localization.LocalizationModule.DefaultCulture);

    public static string Skipped(SyncTaskType taskType)
        => "同步任务正在进行中，跳过: " + System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(taskType.ToString());
}
