using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Issue 13 items 1 and 7: what the status and <c>current_task</c> show, through HTTP.</summary>
public sealed class RunStatusTests
{
    private static async Task<JsonElement> StatusAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.StockBasicsStatus)).GetProperty("data");

    /// <summary>Item 1 (SPEC §3.5): the newest run that syncs stock basics, whatever started it — the nightly job too.</summary>
    [Fact]
    public async Task The_stock_basics_status_shows_the_nightly_run_while_it_runs_and_after_it_ended()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "300");
        var admin = host.CreateClient(TestApiKeys.Admin);
        var before = await (await admin.RunStockBasicsAsync()).AcceptedRunAsync();
        await admin.WaitForEndAsync(before.TaskId());

        (await admin.PostAsync(SchedulerApiPaths.Trigger("scheduler_daily"), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(async () => (await StatusAsync(admin)).GetProperty("job").GetString() == "nightly",
            "the status shows the nightly run");
        var running = await StatusAsync(admin);
        running.GetProperty("task_type").GetString().Should().Be("scheduler_daily");
        var current = (await admin.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");
        if (current.ValueKind == JsonValueKind.Object)
        {
            running.GetProperty("status").GetString().Should().Be("running", "the SPA keeps polling while the nightly run holds the lock");
        }

        var ended = await admin.WaitForEndAsync(running.TaskId());
        var status = await StatusAsync(admin);
        status.TaskId().Should().Be(running.TaskId(), "a 409 during the nightly run is explained by the status");
        status.GetProperty("status").GetString().Should().Be(ended.GetProperty("status").GetString()).And.Be("success");
        status.GetProperty("triggered_by").GetString().Should().Be("u-admin");
    }

    /// <summary>Item 7: a daily batch's <c>current_task</c> carries its trade days, in <c>/current</c> and in the 409.</summary>
    [Fact]
    public async Task Current_task_of_a_daily_batch_carries_its_total_days_in_current_and_in_the_409()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "400");
        var client = host.CreateClient(TestApiKeys.Operator);
        var batch = await (await client.RunBatchAsync("2026-11-02", "2026-11-13")).AcceptedRunAsync();

        await Eventually.HoldsAsync(async () =>
        {
            var current = (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");
            return current.ValueKind == JsonValueKind.Object && current.GetProperty("total_days").ValueKind == JsonValueKind.Number;
        }, "current_task shows the batch's trade days once the calendar is read");
        var busy = await (await client.RunStockBasicsAsync()).ProblemAsync(HttpStatusCode.Conflict);
        var ended = await client.WaitForEndAsync(batch.TaskId());

        var task = busy.GetProperty("current_task");
        task.GetProperty("task_id").GetString().Should().Be(batch.TaskId());
        task.GetProperty("total_days").GetInt32().Should().Be(10, "Nov 2–13 has ten weekdays");
        ended.GetProperty("total_days").GetInt32().Should().Be(10);
    }
}
