using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>Runs of scheduled jobs by job and outcome, and how long they took.</summary>
internal sealed class SchedulerMetrics
{
    public const string MeterName = "SyncMonitor.Scheduler";
    public const string RunsInstrument = "syncmonitor_scheduler_job_runs";
    public const string DurationInstrument = "syncmonitor_scheduler_job_duration_seconds";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public SchedulerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>(RunsInstrument, description: "Scheduled job runs by job and outcome.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, unit: "s", description: "Scheduled job run time.");
    }

    public void RecordRun(string job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome } };
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}
