using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>SPEC §3.1: one global lock for every sync, across requests, hosts and processes.</summary>
public sealed class GlobalLockTests
{
    /// <summary>A demo source slow enough (10 batches × delay) that a run is still going while the test acts.</summary>
    private static SyncMonitorFactory SlowHost(string? directory = null, int delayMs = 300)
        => (directory is null ? new SyncMonitorFactory() : SyncMonitorFactory.ForDataDirectory(directory))
            .With("Sources:demo:DelayMs", delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Fifty_parallel_run_requests_get_exactly_one_202_and_49_409s_naming_the_accepted_task()
    {
        using var host = SlowHost();
        var client = host.CreateClient(TestApiKeys.Operator);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.RunStockBasicsAsync()));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(49);
        var accepted = await responses.Single(r => r.StatusCode == HttpStatusCode.Accepted).AcceptedRunAsync();
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await conflict.ProblemAsync(HttpStatusCode.Conflict);
            problem.GetProperty("detail").GetString().Should().Be("已有同步任务正在运行，请等待当前任务完成后再试");
            problem.GetProperty("message").GetString().Should().Be(problem.GetProperty("detail").GetString());
            var current = problem.GetProperty("current_task");
            current.GetProperty("task_id").GetString().Should().Be(accepted.TaskId());
            current.GetProperty("task_type").GetString().Should().Be("stock_basics");
            current.TryGetProperty("start_time", out _).Should().BeTrue();
            current.TryGetProperty("owner", out _).Should().BeTrue();
            current.TryGetProperty("progress", out _).Should().BeTrue();
        }

        (await client.WaitForEndAsync(accepted.TaskId())).GetProperty("status").GetString().Should().Be("success");
    }

    [Fact]
    public async Task Force_does_not_bypass_the_lock_and_a_batch_waits_for_the_same_lock()
    {
        using var host = SlowHost();
        var client = host.CreateClient(TestApiKeys.Operator);
        var running = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();

        (await client.RunStockBasicsAsync("?force=true")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var batch = await (await client.RunBatchAsync("2026-11-02", "2026-11-06")).ProblemAsync(HttpStatusCode.Conflict);
        batch.GetProperty("current_task").GetProperty("task_id").GetString().Should().Be(running.TaskId());

        var current = await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current);
        current.GetProperty("data").GetProperty("task_id").GetString().Should().Be(running.TaskId());
        await client.WaitForEndAsync(running.TaskId());
        (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Two_hosts_sharing_one_sqlite_file_never_run_concurrently()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        using var hostA = SlowHost(directory);
        using var hostB = SlowHost(directory);
        var a = hostA.CreateClient(TestApiKeys.Operator);
        var b = hostB.CreateClient(TestApiKeys.Operator);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).RunStockBasicsAsync()));

        attempts.Count(r => r.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        var winnerIndex = Array.FindIndex(attempts, r => r.StatusCode == HttpStatusCode.Accepted);
        var winner = await attempts[winnerIndex].AcceptedRunAsync();
        var other = winnerIndex % 2 == 0 ? b : a;
        var fromOtherHost = await (await other.RunStockBasicsAsync()).ProblemAsync(HttpStatusCode.Conflict);
        fromOtherHost.GetProperty("current_task").GetProperty("task_id").GetString().Should().Be(winner.TaskId());
        var first = await other.WaitForEndAsync(winner.TaskId());

        var next = await (await other.RunStockBasicsAsync()).AcceptedRunAsync();
        var second = await other.WaitForEndAsync(next.TaskId());
        second.GetProperty("started_at").GetDateTimeOffset().Should().BeOnOrAfter(first.GetProperty("finished_at").GetDateTimeOffset());
        second.GetProperty("fencing_token").GetInt64().Should().BeGreaterThan(first.GetProperty("fencing_token").GetInt64());
        second.GetProperty("owner").GetString().Should().NotBe(first.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Cancel_stops_a_run_cooperatively_and_records_it_cancelled()
    {
        using var host = SlowHost(delayMs: 1000);
        var client = host.CreateClient(TestApiKeys.Operator);
        var run = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();

        var cancel = await client.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null);
        var ended = await client.WaitForEndAsync(run.TaskId());

        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted);
        ended.GetProperty("status").GetString().Should().Be("cancelled");
        ended.GetProperty("message").GetString().Should().Contain("u-operator");
        (await client.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "it has ended");
        (await client.RunStockBasicsAsync()).StatusCode.Should().Be(HttpStatusCode.Accepted, "the lock was released");
    }

    [Fact]
    public async Task A_run_started_as_soon_as_the_status_shows_the_last_one_ended_is_accepted()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var run = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();
            string status;
            do
            {
                // The SPA's way: poll the status, start the next run the moment it is no longer running.
                var latest = await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.StockBasicsStatus);
                status = latest.GetProperty("data").TaskId() == run.TaskId() ? latest.GetProperty("data").GetProperty("status").GetString()! : "running";
            }
            while (status == "running");

            (await client.RunStockBasicsAsync()).StatusCode.Should().Be(HttpStatusCode.Accepted,
                "a run that shows as ended no longer holds the lock for this instance's callers");
            var next = (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");
            if (next.ValueKind == JsonValueKind.Object)
            {
                await client.WaitForEndAsync(next.TaskId());
            }
        }
    }

    [Theory]
    [InlineData("no-such-task", HttpStatusCode.NotFound)]
    [InlineData("..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("a%20b", HttpStatusCode.BadRequest)]
    public async Task Cancel_of_an_unknown_or_malformed_task_id_is_a_problem(string taskId, HttpStatusCode expected)
    {
        using var host = new SyncMonitorFactory();
        await (await host.CreateClient(TestApiKeys.Operator).PostAsync($"/api/sync/tasks/{taskId}/cancel", null)).ProblemAsync(expected);
    }
}
