using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>The sync_failed rule, driven the way the Sync module drives it: through every ISyncRunListener.</summary>
public sealed class SyncFailedAlertTests(AlertsHost host) : IClassFixture<AlertsHost>
{
    private static SyncStats Run(string job, SyncTaskType taskType, SyncRunStatus status) => new()
    {
        Job = job,
        TaskId = "task-" + Guid.NewGuid().ToString("N")[..8],
        TaskType = taskType,
        DataType = "stock_basic_info",
        Status = status,
        Message = status == SyncRunStatus.Failed ? "all sources unavailable" : null,
        TriggeredBy = "scheduler",
    };

    private async Task FinishAsync(SyncStats run)
    {
        foreach (var listener in host.Services.GetServices<ISyncRunListener>())
        {
            await listener.OnRunFinishedAsync(run, CancellationToken.None);
        }
    }

    private static string Fingerprint(string job, string taskType)
        => AlertFingerprint.Compute(AlertRules.SyncFailed, new Dictionary<string, string> { ["job"] = job, ["task_type"] = taskType });

    [Fact]
    public async Task A_failed_run_fires_a_high_alert_and_a_later_successful_run_of_the_job_clears_it()
    {
        var fingerprint = Fingerprint("stock_basics", "scheduler_daily");
        await FinishAsync(Run("stock_basics", SyncTaskType.SchedulerDaily, SyncRunStatus.Failed));
        await FinishAsync(Run("stock_basics", SyncTaskType.SchedulerDaily, SyncRunStatus.Failed));
        await FinishAsync(Run("stock_basics", SyncTaskType.SchedulerDaily, SyncRunStatus.Cancelled));

        var open = (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Subject;
        open.GetProperty("status").GetString().Should().Be("firing", "a cancelled run proves nothing");
        open.GetProperty("count").GetInt64().Should().Be(2);
        open.GetProperty("level").GetString().Should().Be("high");
        open.GetProperty("rule").GetString().Should().Be("sync_failed");
        open.GetProperty("labels").GetProperty("task_type").GetString().Should().Be("scheduler_daily");
        open.GetProperty("message").GetString().Should().Contain("all sources unavailable");

        await FinishAsync(Run("stock_basics", SyncTaskType.StockBasics, SyncRunStatus.Success));

        var resolved = (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Subject;
        resolved.GetProperty("status").GetString().Should().Be("resolved");
        resolved.GetProperty("resolved_by").GetString().Should().Be("auto");
    }

    [Fact]
    public async Task A_successful_run_of_another_job_leaves_the_alert_open()
    {
        var fingerprint = Fingerprint("daily_basic", "web_batch");
        await FinishAsync(Run("daily_basic", SyncTaskType.WebBatch, SyncRunStatus.Failed));
        await FinishAsync(Run("other_job", SyncTaskType.WebBatch, SyncRunStatus.Success));

        (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("firing");

        await FinishAsync(Run("daily_basic", SyncTaskType.WebBatch, SyncRunStatus.SuccessWithErrors));
        (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("resolved");
    }
}
