using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>What a job can ask about the firing it runs in.</summary>
public static class JobExecutionContextExtensions
{
    /// <summary>Job data key the trigger endpoint sets to the calling user's id.</summary>
    public const string TriggeredByKey = "syncmonitor.triggered_by";

    /// <summary>Who started this run: the user id for a run triggered through the API, <c>scheduler</c> for a
    /// scheduled one — the value <c>SyncStats.TriggeredBy</c> expects.</summary>
    public static string TriggeredBy(this IJobExecutionContext context)
        => context.MergedJobDataMap.TryGetValue(TriggeredByKey, out var user) && user is string { Length: > 0 } id
            ? id
            : "scheduler";
}
