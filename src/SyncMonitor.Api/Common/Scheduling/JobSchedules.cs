using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>How a <see cref="ScheduledJobDefinition"/> becomes a Quartz job and its one cron trigger. Every job is
/// non-concurrent whatever its class says, and a missed firing is dropped: after downtime (or a pause) the job runs
/// at its next regular time only, so misfires never pile up; the sync lock, not Quartz, decides the rest.</summary>
internal static class JobSchedules
{
    public const string Group = "syncmonitor";

    public static JobKey JobKeyFor(string name) => new(name, Group);

    public static TriggerKey TriggerKeyFor(string name) => new(name, Group);

    public static IJobDetail BuildJob(ScheduledJobDefinition job) => JobBuilder.Create()
        .OfType(job.JobType)
        .WithIdentity(JobKeyFor(job.Name))
        .WithDescription(job.Description)
        .DisallowConcurrentExecution()
        .StoreDurably()
        .Build();

    public static ITrigger BuildTrigger(ScheduledJobDefinition job, string cron, TimeZoneInfo timeZone, TimeProvider time)
        => TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyFor(job.Name))
            .ForJob(JobKeyFor(job.Name))
            .WithDescription(job.Description)
            .WithSchedule(CronScheduleBuilder.Create(cron)
                .InTimeZone(timeZone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .StartNow()
            .Build();

    public static bool TryResolveTimeZone(string? id, out TimeZoneInfo timeZone)
    {
        timeZone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out timeZone!);
    }

    public static TimeZoneInfo ResolveTimeZone(string id) => TryResolveTimeZone(id, out var timeZone)
        ? timeZone
        : throw new InvalidOperationException($"Unknown time zone '{id}'.");

    /// <summary>Why <paramref name="cron"/> cannot drive a trigger, or null when it can.</summary>
    public static string? DescribeInvalidCron(string cron, DateTimeOffset now)
    {
        CronExpression expression;
        try
        {
            expression = new CronExpression(cron);
        }
        catch (FormatException ex)
        {
            return $"is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]): {ex.Message}";
        }

        return expression.GetNextValidTimeAfter(now) is null ? "never fires again." : null;
    }
}
