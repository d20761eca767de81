using System.Collections.Concurrent;
using Quartz;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>How one run of a scheduled job ended, as the job list shows it.</summary>
public sealed record JobRunResultView(
    string Outcome,
    string? Message,
    string TriggeredBy,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long DurationMs);

/// <summary>Outcome names, also the <c>outcome</c> tag of <c>syncmonitor_scheduler_job_runs</c>.</summary>
public static class JobRunOutcomes
{
    public const string Success = "success";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>A run that threw failed (or was cancelled, if it stopped on its token); a run that returned is what
    /// its <see cref="IJobRunReport"/> says — <c>JobRunReport.Skipped("busy")</c> for a sync the lock turned away —
    /// and a success otherwise.</summary>
    public static (string Outcome, string? Message) Classify(ExecutionOutcome outcome, object? result, Exception? error)
    {
        if (outcome == ExecutionOutcome.Cancelled)
        {
            return (Cancelled, Describe(error) ?? (result as IJobRunReport)?.Summary);
        }

        if (error is not null)
        {
            return (Failed, Describe(error));
        }

        return result is IJobRunReport report
            ? (report.Result switch
            {
                JobRunResult.Skipped => Skipped,
                JobRunResult.Failed => Failed,
                JobRunResult.Cancelled => Cancelled,
                _ => Success,
            }, report.Summary)
            : (Success, null);
    }

    /// <summary>The job's own exception, not Quartz's wrappers around it; type and message only (no stack trace).</summary>
    private static string? Describe(Exception? error)
    {
        var cause = error;
        while (cause is SchedulerException { InnerException: { } inner })
        {
            cause = inner;
        }

        return cause is null ? null : Truncate($"{cause.GetType().Name}: {cause.Message}");
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}

/// <summary>The latest run of each job, kept in memory (it starts empty after a restart, as the in-memory
/// scheduler does).</summary>
internal sealed class JobRunJournal
{
    private readonly ConcurrentDictionary<string, JobRunResultView> _latest = new(StringComparer.Ordinal);

    public void Record(string jobName, JobRunResultView run) => _latest[jobName] = run;

    public JobRunResultView? Latest(string jobName) => _latest.GetValueOrDefault(jobName);
}
