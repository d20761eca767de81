using Microsoft.Extensions.Options;
using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>Refuses a time zone the system cannot resolve, a cron that does not parse or never fires, and settings
/// for a job nobody registered (a typo there would otherwise silently leave the real job on its default).</summary>
internal sealed class SchedulerOptionsValidator(IEnumerable<ScheduledJobDefinition> jobs, TimeProvider time)
    : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var failures = new List<string>();
        if (!JobSchedules.TryResolveTimeZone(options.TimeZone, out _))
        {
            failures.Add($"{SchedulerOptions.Section}:TimeZone '{options.TimeZone}' is not a time zone this system knows (use an IANA id such as {SchedulerOptions.DefaultTimeZone}).");
        }

        var registered = jobs.ToList();
        foreach (var job in registered)
        {
            var cron = options.CronFor(job);
            if (JobSchedules.DescribeInvalidCron(cron, time.GetUtcNow()) is { } problem)
            {
                failures.Add($"{SchedulerOptions.CronKey(job.Name)} '{cron}' {problem}");
            }
        }

        foreach (var configured in options.Jobs.Keys)
        {
            if (!registered.Exists(j => string.Equals(j.Name, configured, StringComparison.OrdinalIgnoreCase)))
            {
                var known = registered.Count == 0 ? "none" : string.Join(", ", registered.Select(j => j.Name).Order(StringComparer.Ordinal));
                failures.Add($"{SchedulerOptions.Section}:Jobs:{configured} names no registered job (registered: {known}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
