using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>SPEC §3.4: scheduled syncs go through the same lock; a busy lock means the firing is skipped.</summary>
public sealed class ScheduledSyncTests
{
    private static async Task<JsonElement> JobAsync(HttpClient client, string name)
    {
        var jobs = await client.GetFromJsonAsync<JsonElement>(SchedulerApiPaths.Jobs);
        return jobs.EnumerateArray().Single(j => j.GetProperty("name").GetString() == name);
    }

    private static async Task<JsonElement> WaitForResultAsync(HttpClient client, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await JobAsync(client, name);
            if (job.GetProperty("last_result").ValueKind == JsonValueKind.Object && !job.GetProperty("running").GetBoolean())
            {
                return job.GetProperty("last_result");
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the job should have run");
            await Task.Delay(100);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task The_sync_jobs_are_registered_with_their_cron_in_shanghai_time()
    {
        using var host = new SyncMonitorFactory().With("Scheduler:Enabled", "true");
        var client = host.CreateClient(TestApiKeys.Viewer);

        var daily = await JobAsync(client, "scheduler_daily");
        var missing = await JobAsync(client, "scheduler_missing");

        daily.GetProperty("cron").GetString().Should().Be("0 0 20 * * ?");
        daily.GetProperty("time_zone").GetString().Should().Be("Asia/Shanghai");
        var next = daily.GetProperty("next_fire_time").GetDateTimeOffset();
        next.ToUniversalTime().TimeOfDay.Should().Be(TimeSpan.FromHours(12), "20:00 in Shanghai is 12:00 UTC");
        missing.GetProperty("next_fire_time").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task A_scheduled_fire_while_a_rest_run_holds_the_lock_is_skipped_and_the_rest_run_is_unaffected()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "400");
        var admin = host.CreateClient(TestApiKeys.Admin);
        var rest = await (await admin.RunStockBasicsAsync()).AcceptedRunAsync();

        (await admin.PostAsync(SchedulerApiPaths.Trigger("scheduler_daily"), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var skipped = await WaitForResultAsync(admin, "scheduler_daily");

        skipped.GetProperty("outcome").GetString().Should().Be("skipped");
        skipped.GetProperty("message").GetString().Should().Be("同步任务正在进行中，跳过: scheduler_daily");
        var ended = await admin.WaitForEndAsync(rest.TaskId());
        ended.GetProperty("status").GetString().Should().Be("success");
        ended.GetProperty("task_type").GetString().Should().Be("stock_basics");
        var history = await admin.GetFromJsonAsync<JsonElement>(SyncApiPaths.History);
        history.GetProperty("data").GetProperty("total").GetInt64().Should().Be(1, "the skipped firing started no run");
        var metrics = await admin.GetStringAsync("/metrics");
        metrics.Should().Contain("syncmonitor_sync_lock_skips_total{task_type=\"scheduler_daily\"} 1");
        var logs = Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "logs")).Select(ReadShared);
        string.Concat(logs).Should().Contain("同步任务正在进行中，跳过: scheduler_daily");
    }

    [Fact]
    public async Task A_triggered_nightly_job_runs_stock_basics_and_todays_daily_basic_under_one_lock()
    {
        using var host = new SyncMonitorFactory(); // scheduling off: every job paused, still runnable by hand
        var admin = host.CreateClient(TestApiKeys.Admin);
        var paused = await JobAsync(admin, "scheduler_daily");
        paused.GetProperty("paused").GetBoolean().Should().BeTrue();
        paused.GetProperty("pause").GetProperty("reason").GetString().Should().Contain("Scheduler:Enabled=false");

        (await admin.PostAsync(SchedulerApiPaths.Trigger("scheduler_daily"), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var result = await WaitForResultAsync(admin, "scheduler_daily");

        result.GetProperty("outcome").GetString().Should().Be("success", result.ToString());
        var run = (await admin.GetFromJsonAsync<JsonElement>(SyncApiPaths.History)).GetProperty("data").GetProperty("items")[0];
        run.GetProperty("task_type").GetString().Should().Be("scheduler_daily");
        run.GetProperty("job").GetString().Should().Be("nightly");
        run.GetProperty("triggered_by").GetString().Should().Be("u-admin");
        run.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Contain("stock_list:demo");
        run.GetProperty("inserted").GetInt64().Should().BeGreaterThan(4800);
    }
}
