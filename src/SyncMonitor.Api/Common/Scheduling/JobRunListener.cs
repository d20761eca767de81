using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>Logs every run of every job (start; end with outcome and duration), counts it in
/// <see cref="SchedulerMetrics"/> and keeps it as the job's latest result.</summary>
internal sealed partial class JobRunListener(
    SchedulerMetrics metrics,
    JobRunJournal journal,
    TimeProvider time,
    ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "syncmonitor-job-runs";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        LogStarted(context.JobDetail.Key.Name, context.TriggeredBy(), context.FireInstanceId);
        return ValueTask.CompletedTask;
    }

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var job = context.JobDetail.Key.Name;
        var (outcome, message) = JobRunOutcomes.Classify(context.Outcome, context.Result, jobException);
        var duration = context.JobRunTime;
        var finished = time.GetUtcNow();
        metrics.RecordRun(job, outcome, duration);
        journal.Record(job, new JobRunResultView(
            outcome, message, context.TriggeredBy(), finished - duration, finished, (long)duration.TotalMilliseconds));
        if (outcome == JobRunOutcomes.Failed)
        {
            LogFailed(job, (long)duration.TotalMilliseconds, message);
        }
        else
        {
            LogFinished(job, outcome, (long)duration.TotalMilliseconds, message ?? "-");
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Scheduled job {Job} started (triggered by {TriggeredBy}, fire {FireInstanceId})")]
    private partial void LogStarted(string job, string triggeredBy, string fireInstanceId);

    [LoggerMessage(LogLevel.Information, "Scheduled job {Job} finished: {Outcome} in {DurationMs} ms ({Message})")]
    private partial void LogFinished(string job, string outcome, long durationMs, string message);

    [LoggerMessage(LogLevel.Error, "Scheduled job {Job} failed after {DurationMs} ms: {Message}")]
    private partial void LogFailed(string job, long durationMs, string? message);
}
