namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>A job as <c>GET /api/scheduler/jobs</c> shows it. Fire times are in the scheduler's time zone, with
/// their offset. <c>next_fire_time</c> is null while the job is paused; <c>previous_fire_time</c> is the cron
/// trigger's last firing (a manual run shows in <c>last_result</c> only).</summary>
public sealed record ScheduledJobView(
    string Name,
    string Description,
    string Cron,
    string TimeZone,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? PreviousFireTime,
    bool Enabled,
    bool Paused,
    JobPauseView? Pause,
    bool Running,
    JobRunResultView? LastResult);

/// <summary>Who paused a job, why and when (the configuration, for a job disabled there).</summary>
public sealed record JobPauseView(string? Reason, string? RequestedBy, DateTimeOffset PausedAt);
