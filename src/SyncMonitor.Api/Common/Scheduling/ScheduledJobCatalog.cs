using Microsoft.Extensions.Options;
using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>Reads and controls the registered jobs by name. Every method answers null for a name nobody
/// registered. Pausing stops the cron trigger only: a paused job can still be run by hand.</summary>
internal sealed class ScheduledJobCatalog(
    ISchedulerFactory schedulerFactory,
    IEnumerable<ScheduledJobDefinition> jobs,
    JobRunJournal journal,
    IOptions<SchedulerOptions> options)
{
    private readonly IReadOnlyList<ScheduledJobDefinition> _jobs = [.. jobs.OrderBy(j => j.Name, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<ScheduledJobView>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var views = new List<ScheduledJobView>(_jobs.Count);
        foreach (var job in _jobs)
        {
            views.Add(await DescribeAsync(scheduler, job, cancellationToken));
        }

        return views;
    }

    public Task<ScheduledJobView?> FindAsync(string name, CancellationToken cancellationToken)
        => ApplyAsync(name, static (_, _, _) => ValueTask.CompletedTask, cancellationToken);

    /// <summary>Fires the job once now, marked with the user who asked. A run of the same job still going makes
    /// this one wait (every job is non-concurrent); it never overlaps.</summary>
    public Task<ScheduledJobView?> TriggerAsync(string name, string userId, CancellationToken cancellationToken)
        => ApplyAsync(name, (scheduler, key, ct) => scheduler.TriggerJob(
            key, new JobDataMap { [JobExecutionContextExtensions.TriggeredByKey] = userId }, ct), cancellationToken);

    public Task<ScheduledJobView?> PauseAsync(string name, string userId, CancellationToken cancellationToken)
        => ApplyAsync(name, async (scheduler, key, ct) => await scheduler.PauseJobWith(
            key, new PauseDetails { Reason = "paused through the API", RequestedBy = userId }, ct), cancellationToken);

    public Task<ScheduledJobView?> ResumeAsync(string name, CancellationToken cancellationToken)
        => ApplyAsync(name, async (scheduler, key, ct) => await scheduler.ResumeJob(key, ct), cancellationToken);

    private async Task<ScheduledJobView?> ApplyAsync(
        string name, Func<IScheduler, JobKey, CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        var job = _jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal));
        if (job is null)
        {
            return null;
        }

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await action(scheduler, JobSchedules.JobKeyFor(job.Name), cancellationToken);
        return await DescribeAsync(scheduler, job, cancellationToken);
    }

    private async Task<ScheduledJobView> DescribeAsync(IScheduler scheduler, ScheduledJobDefinition job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timeZone = JobSchedules.ResolveTimeZone(settings.TimeZone);
        var triggerKey = JobSchedules.TriggerKeyFor(job.Name);
        var trigger = await scheduler.GetTrigger(triggerKey, cancellationToken) as ICronTrigger;
        var paused = await scheduler.GetTriggerState(triggerKey, cancellationToken) == TriggerState.Paused;
        var pause = paused ? await scheduler.GetTriggerPause(triggerKey, cancellationToken) : null;
        var executing = await scheduler.QueryFireInstances(
            new FireInstanceQuery { Job = JobSchedules.JobKeyFor(job.Name), State = FireInstanceState.Executing, Take = 1 },
            cancellationToken);
        var zone = trigger?.TimeZone ?? timeZone;
        return new ScheduledJobView(
            job.Name,
            job.Description,
            trigger?.CronExpressionString ?? settings.CronFor(job),
            zone.Id,
            paused ? null : InZone(trigger?.NextFireTimeUtc, zone),
            InZone(trigger?.PreviousFireTimeUtc, zone),
            settings.IsEnabled(job),
            paused,
            pause is null ? null : new JobPauseView(pause.Reason, pause.RequestedBy, pause.PausedAtUtc),
            executing.Items.Count > 0,
            journal.Latest(job.Name));
    }

    private static DateTimeOffset? InZone(DateTimeOffset? instant, TimeZoneInfo zone)
        => instant is { } value ? TimeZoneInfo.ConvertTime(value, zone) : null;
}
