using System.Diagnostics;
using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>Runs of scheduled jobs by job and outcome, and how long they took; every registered job's series exist
/// from the start at zero.</summary>
internal sealed class SchedulerMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.Scheduler";
    public const string RunsInstrument = "syncmonitor_scheduler_job_runs";
    public const string DurationInstrument = "syncmonitor_scheduler_job_duration_seconds";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    private readonly IReadOnlyList<string> _jobs;

    public SchedulerMetrics(IMeterFactory meterFactory, IEnumerable<ScheduledJobDefinition> jobs)
    {
        _jobs = [.. jobs.Select(j => j.Name)];
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>(RunsInstrument, description: "Scheduled job runs by job and outcome.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, unit: "s", description: "Scheduled job run time.");
    }

    public IEnumerable<StartupSeries> Declare()
    {
        (string, IEnumerable<string>)[] labels =
            [("job", _jobs), ("outcome", [JobRunOutcomes.Success, JobRunOutcomes.Skipped, JobRunOutcomes.Failed, JobRunOutcomes.Cancelled])];
        return [.. StartupSeries.Each(_runs, labels), .. StartupSeries.Each(_duration, labels)];
    }

    public void RecordRun(string job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome } };
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}
