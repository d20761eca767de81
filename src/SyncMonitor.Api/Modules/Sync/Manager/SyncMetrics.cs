using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The Sync module's series (exported at /metrics): runs by status, rows written, lock contention, and when
/// the stock basics last synced successfully (<c>syncmonitor_sync_last_success_timestamp_seconds{data}</c>, seeded
/// from the store on start by <see cref="LastSuccessSeeder"/>). Every known counter label combination exists from the
/// start at zero (<see cref="IStartupSeries"/>).</summary>
public sealed class SyncMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.Sync";

    /// <summary>The <c>data</c> label of the last-success gauge for the stock list with its fundamentals.</summary>
    public const string StockBasicsData = "stock_basics";

    /// <summary>Jobs whose success means the stock basics were synced (the nightly run syncs them first).</summary>
    public static readonly IReadOnlyList<string> StockBasicsJobs = [StockBasicsWork.JobName, SyncWorkFactory.NightlyJob];

    private static readonly SyncTaskType[] ScheduledTypes = [SyncTaskType.SchedulerDaily, SyncTaskType.SchedulerMissing];

    private readonly Counter<long> _runs;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _skips;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _lockAcquire;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSuccess = new(StringComparer.Ordinal);

    public SyncMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("syncmonitor_sync_runs", description: "Sync runs that ended, by status and task type.");
        _rows = meter.CreateCounter<long>("syncmonitor_sync_rows_written", description: "Rows upserted by syncs, by table and result.");
        _skips = meter.CreateCounter<long>("syncmonitor_sync_lock_skips", description: "Scheduled syncs skipped because the global lock was held.");
        _conflicts = meter.CreateCounter<long>("syncmonitor_sync_lock_conflicts", description: "REST-started syncs refused with 409 because the global lock was held.");
        _lockAcquire = meter.CreateHistogram<double>("syncmonitor_sync_lock_acquire_seconds", unit: "s", description: "Time to try the global lease.");
        _duration = meter.CreateHistogram<double>("syncmonitor_sync_run_duration_seconds", unit: "s", description: "How long ended sync runs took, by task type.");
        meter.CreateObservableGauge("syncmonitor_sync_last_success_timestamp_seconds",
            () => _lastSuccess.Select(p => new Measurement<double>(p.Value.ToUnixTimeMilliseconds() / 1000.0, Tag("data", p.Key))),
            description: "Unix time at which the last successful run (success or success_with_errors) of the data ended; absent while none is known.");
    }

    public void RunEnded(SyncStats run)
    {
        _runs.Add(1, Tag("status", Snake(run.Status)), Tag("task_type", Snake(run.TaskType)));
        if (run is { FinishedAt: { } finished, StartedAt: { } started })
        {
            _duration.Record(Math.Max(0, (finished - started).TotalSeconds), Tag("task_type", Snake(run.TaskType)));
        }

        if (run.Status is SyncRunStatus.Success or SyncRunStatus.SuccessWithErrors && StockBasicsJobs.Contains(run.Job) && run.FinishedAt is { } at)
        {
            Succeeded(StockBasicsData, at);
        }
    }

    /// <summary>Moves the last success of <paramref name="data"/> forward (never back).</summary>
    public void Succeeded(string data, DateTimeOffset at) => _lastSuccess.AddOrUpdate(data, at, (_, known) => known > at ? known : at);

    public void RowsWritten(string table, UpsertResult result)
    {
        _rows.Add(result.Inserted, Tag("table", table), Tag("result", "inserted"));
        _rows.Add(result.Updated, Tag("table", table), Tag("result", "updated"));
        _rows.Add(result.Errors, Tag("table", table), Tag("result", "error"));
    }

    public void LockBusy(SyncTaskType taskType, bool scheduled)
        => (scheduled ? _skips : _conflicts).Add(1, Tag("task_type", Snake(taskType)));

    public void LockAttempt(TimeSpan elapsed, bool acquired) => _lockAcquire.Record(elapsed.TotalSeconds, Tag("acquired", acquired ? "true" : "false"));

    public IEnumerable<StartupSeries> Declare()
    {
        var types = Enum.GetValues<SyncTaskType>();
        // Every status a run can end with (RunEnded is called for ended runs only).
        var ended = Enum.GetValues<SyncRunStatus>().Where(s => s is not (SyncRunStatus.Idle or SyncRunStatus.Running or SyncRunStatus.NeverRun));
        return
        [
            .. StartupSeries.Each(_runs, ("status", ended.Select(Snake)), ("task_type", types.Select(Snake))),
            .. StartupSeries.Each(_rows, ("table", [StockBasicsWork.Table, DailyBasicWork.Table]), ("result", ["inserted", "updated", "error"])),
            // The scheduler's own task types are skipped when busy; every other caller gets a 409.
            .. StartupSeries.Each(_skips, ("task_type", ScheduledTypes.Select(Snake))),
            .. StartupSeries.Each(_conflicts, ("task_type", types.Except(ScheduledTypes).Select(Snake))),
            .. StartupSeries.Each(_lockAcquire, ("acquired", ["true", "false"])),
            .. StartupSeries.Each(_duration, ("task_type", types.Select(Snake))),
        ];
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private static string Snake<T>(T value) where T : struct, Enum
        => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
