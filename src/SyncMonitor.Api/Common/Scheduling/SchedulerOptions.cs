namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>The <c>Scheduler</c> section: one time zone for every cron trigger, and per-job overrides keyed by the
/// name the job was registered under (<c>Scheduler:Jobs:scheduler_daily:Cron</c>).</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";
    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>IANA (or Windows) id every cron expression is read in; trade dates are Shanghai dates.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>False registers every job paused (listed, runnable by hand, resumable): an instance that should not run
    /// scheduled work, e.g. a second API-only instance or a test host.</summary>
    public bool Enabled { get; set; } = true;

    public Dictionary<string, ScheduledJobSettings> Jobs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings written for <paramref name="jobName"/>, matched without regard to case because
    /// environment variables and command-line keys are not case-stable.</summary>
    public ScheduledJobSettings? For(string jobName)
        => Jobs.FirstOrDefault(j => string.Equals(j.Key, jobName, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The cron a job runs on: the configured override, else the default it was registered with.</summary>
    public string CronFor(ScheduledJobDefinition job)
        => For(job.Name)?.Cron is { Length: > 0 } cron ? cron.Trim() : job.DefaultCron;

    public bool IsEnabled(ScheduledJobDefinition job) => Enabled && (For(job.Name)?.Enabled ?? true);

    /// <summary>Why a job is registered paused, naming the setting that did it.</summary>
    public string DisabledReason(ScheduledJobDefinition job) => Enabled
        ? $"disabled in configuration ({Section}:Jobs:{job.Name}:Enabled=false)"
        : $"scheduling is off in configuration ({Section}:Enabled=false)";

    public static string CronKey(string jobName) => $"{Section}:Jobs:{jobName}:Cron";
}

/// <summary>Overrides for one job. A disabled job is still registered, paused, so operators see it and can run it
/// by hand or resume it until the next restart.</summary>
public sealed class ScheduledJobSettings
{
    /// <summary>Quartz cron (seconds first, e.g. <c>0 0 20 * * ?</c>); empty keeps the job's default.</summary>
    public string? Cron { get; set; }

    public bool Enabled { get; set; } = true;
}
