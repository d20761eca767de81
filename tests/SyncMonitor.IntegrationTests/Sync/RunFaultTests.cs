using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Issue 13 item 4: the end of a run is exception-safe. Store faults injected through the fault kit at the
/// moments a running service meets them: for each, the run ends in memory, waiters return, the lock is free (or left
/// to expire deliberately) and the stored record becomes terminal at the next acquisition or sweep.</summary>
public sealed class RunFaultTests
{
    /// <summary>What a read-only or full database answers: not transient, no retry helps.</summary>
    private static Exception ReadOnlyDatabase() => new SqliteException("attempt to write a readonly database", 8);

    private static async Task<JsonElement> CurrentAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");

    private static async Task<JsonElement> StatusAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.StockBasicsStatus)).GetProperty("data");

    [Fact]
    public async Task When_writing_the_end_fails_transiently_then_for_good_the_nightly_job_still_returns_and_the_lock_is_free()
    {
        var faults = new FaultPlan();
        using var host = new SyncMonitorFactory().WithFaults<ISyncRunStore>(faults);
        var admin = host.CreateClient(TestApiKeys.Admin);
        var transient = faults.On<ISyncRunStore>(nameof(ISyncRunStore.FinishAsync)).OnCall(1).Throws(() => new IOException("disk busy"));
        var permanent = faults.On<ISyncRunStore>(nameof(ISyncRunStore.FinishAsync)).FromCall(2).Throws(ReadOnlyDatabase);

        (await admin.PostAsync(SchedulerApiPaths.Trigger("scheduler_daily"), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(async () =>
        {
            var job = (await admin.GetFromJsonAsync<JsonElement>(SchedulerApiPaths.Jobs)).EnumerateArray().Single(j => j.GetProperty("name").GetString() == "scheduler_daily");
            return job.GetProperty("last_result").ValueKind == JsonValueKind.Object && !job.GetProperty("running").GetBoolean();
        }, "the scheduled job returned although its run's end could not be written");

        permanent.Faults.Should().BePositive("the end was tried again after the transient error, then failed for good");
        (await CurrentAsync(admin)).ValueKind.Should().Be(JsonValueKind.Null, "the lock was released");
        var status = await StatusAsync(admin);
        status.GetProperty("job").GetString().Should().Be("nightly");
        status.GetProperty("status").GetString().Should().NotBe("running", "the run ended in memory");
        var nightlyTask = status.TaskId();

        permanent.Disable();
        var next = await (await admin.RunStockBasicsAsync()).AcceptedRunAsync();
        (await admin.WaitForEndAsync(next.TaskId())).GetProperty("status").GetString().Should().Be("success");
        var nightly = (await admin.FindRunAsync(nightlyTask))!.Value;
        nightly.GetProperty("status").GetString().Should().Be("failed", "the next acquisition ended the record left running");
        nightly.GetProperty("message").GetString().Should().Be(SyncMessages.Interrupted);
        transient.Faults.Should().Be(1);
    }

    [Fact]
    public async Task When_orphan_recovery_fails_after_the_lease_was_taken_the_lease_is_released_at_once()
    {
        var faults = new FaultPlan();
        using var host = new SyncMonitorFactory().WithFaults<ISyncRunStore>(faults);
        var client = host.CreateClient(TestApiKeys.Operator);
        var recovery = faults.On<ISyncRunStore>(nameof(ISyncRunStore.FailOrphanedAsync)).OnCall(1).Throws(ReadOnlyDatabase);

        var refused = await client.RunStockBasicsAsync();

        refused.StatusCode.Should().NotBe(HttpStatusCode.Accepted);
        recovery.Faults.Should().Be(1);
        (await CurrentAsync(client)).ValueKind.Should().Be(JsonValueKind.Null, "no lease is held for a task that never ran");
        var run = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();
        (await client.WaitForEndAsync(run.TaskId())).GetProperty("status").GetString().Should().Be("success");
    }

    [Fact]
    public async Task When_the_lease_cannot_be_renewed_for_a_whole_lease_period_the_run_stops_failed_and_the_lock_is_free()
    {
        var faults = new FaultPlan();
        using var host = new SyncMonitorFactory().WithFaults<ISyncLeaseStore>(faults)
            .With("Sync:LeaseSeconds", "5").With("Sync:HeartbeatSeconds", "1").With("Sources:demo:DelayMs", "1500");
        var client = host.CreateClient(TestApiKeys.Operator);
        faults.On<ISyncLeaseStore>(nameof(ISyncLeaseStore.RenewAsync)).Throws(() => new TimeoutException("store unreachable"));

        var run = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();
        var ended = await client.WaitForEndAsync(run.TaskId());

        ended.GetProperty("status").GetString().Should().Be("failed");
        ended.GetProperty("message").GetString().Should().Be(SyncMessages.LeaseLost);
        (ended.GetProperty("inserted").GetInt64() + ended.GetProperty("updated").GetInt64() + ended.GetProperty("errors").GetInt64())
            .Should().Be(ended.GetProperty("total").GetInt64());
        (await client.RunStockBasicsAsync()).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    /// <summary>Item 2 through HTTP: the request refreshing the status is aborted mid-read, then a read fails; runs of
    /// another instance still appear.</summary>
    [Fact]
    public async Task The_status_shows_another_instances_run_after_an_aborted_refresh_and_a_failed_one()
    {
        var faults = new FaultPlan();
        using var host = new SyncMonitorFactory().WithFaults<ISyncRunStore>(faults).With("Sync:StatusCacheMilliseconds", "200");
        var client = host.CreateClient(TestApiKeys.Operator);
        var first = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();
        await client.WaitForEndAsync(first.TaskId());
        (await StatusAsync(client)).TaskId().Should().Be(first.TaskId());
        await Task.Delay(300); // the entry expires: the next status read refreshes it

        var hang = faults.On<ISyncRunStore>(nameof(ISyncRunStore.GetLatestAsync)).OnCall(1).Hangs();
        using (var aborted = new CancellationTokenSource())
        {
            var reading = client.GetAsync(SyncApiPaths.StockBasicsStatus, aborted.Token);
            await hang.Hit.WaitAsync(TimeSpan.FromSeconds(30));
            await aborted.CancelAsync();
            var abort = () => reading;
            await abort.Should().ThrowAsync<OperationCanceledException>();
        }

        hang.Release();
        await InsertOtherInstanceRunAsync(host, "other-instance-run-1");
        await Eventually.HoldsAsync(async () => (await StatusAsync(client)).TaskId() == "other-instance-run-1",
            "a run of another instance appears after the aborted refresh", seconds: 30);

        faults.On<ISyncRunStore>(nameof(ISyncRunStore.GetLatestAsync)).OnCall(1).Throws(ReadOnlyDatabase);
        await InsertOtherInstanceRunAsync(host, "other-instance-run-2");
        await Eventually.HoldsAsync(async () =>
        {
            var response = await client.GetAsync(SyncApiPaths.StockBasicsStatus);
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").TaskId() == "other-instance-run-2";
        }, "a run of another instance appears after a failed refresh", seconds: 30);
    }

    private static async Task InsertOtherInstanceRunAsync(SyncMonitorFactory host, string taskId)
    {
        var now = DateTimeOffset.UtcNow;
        await host.Services.GetRequiredService<ISyncRunStore>().InsertAsync(new SyncStats
        {
            Job = "stock_basics",
            TaskId = taskId,
            TaskType = SyncTaskType.StockBasics,
            DataType = "stock_basic_info",
            Status = SyncRunStatus.Success,
            StartedAt = now,
            FinishedAt = now,
            Owner = "other-host:1:abcdef",
        }, CancellationToken.None);
    }
}
