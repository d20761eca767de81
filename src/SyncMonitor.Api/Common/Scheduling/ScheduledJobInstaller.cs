using Microsoft.Extensions.Options;
using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>Stores every registered job with its cron trigger while the host starts. A job disabled in
/// configuration is stored paused in the same store operation, so it cannot fire in between even on a running
/// scheduler.</summary>
internal sealed partial class ScheduledJobInstaller(
    ISchedulerFactory schedulerFactory,
    IEnumerable<ScheduledJobDefinition> jobs,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduledJobInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timeZone = JobSchedules.ResolveTimeZone(settings.TimeZone);
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        foreach (var job in jobs)
        {
            var cron = settings.CronFor(job);
            var enabled = settings.IsEnabled(job);
            var trigger = JobSchedules.BuildTrigger(job, cron, timeZone, time);
            var storeOptions = enabled
                ? new ScheduleJobOptions { Replace = true }
                : new ScheduleJobOptions
                {
                    Replace = true,
                    PauseReason = settings.DisabledReason(job),
                    PauseRequestedBy = "configuration",
                };

            await scheduler.ScheduleJob(JobSchedules.BuildJob(job), [trigger], storeOptions, cancellationToken);
            if (enabled)
            {
                LogScheduled(job.Name, cron, timeZone.Id);
            }
            else
            {
                LogDisabled(job.Name, cron, timeZone.Id);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Scheduled job {Job} on '{Cron}' ({TimeZone})")]
    private partial void LogScheduled(string job, string cron, string timeZone);

    [LoggerMessage(LogLevel.Warning, "Scheduled job {Job} is disabled in configuration: registered paused on '{Cron}' ({TimeZone})")]
    private partial void LogDisabled(string job, string cron, string timeZone);
}
