using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Integrity;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Compensation;

/// <summary><c>/api/monitoring/compensation</c>: a real demo batch, rows deleted behind its back, then a dry run, a
/// real compensation and its rollback — compared row by row with the table before each step.</summary>
public sealed class CompensationTests
{
    private const string Day1 = "20261102";
    private const string Day2 = "20261103";

    private static async Task<(IntegrityHost Host, HttpClient Client, string BatchId)> HostWithBatchAsync()
    {
        var host = new IntegrityHost();
        var client = host.CreateClient(TestApiKeys.Operator);
        var batch = await (await client.RunBatchAsync("2026-11-02", "2026-11-03")).AcceptedRunAsync();
        (await client.WaitForEndAsync(batch.TaskId())).GetProperty("status").GetString().Should().Be("success");
        return (host, client, batch.TaskId());
    }

    private static async Task<List<string>> DeleteSomeAsync(IntegrityHost host, string date, int count)
    {
        var store = host.Get<IDailyBasicStore>();
        var codes = (await store.ListCodesAsync(date, "demo", CancellationToken.None)).Take(count).ToList();
        await store.DeleteAsync(codes.Select(c => new DailyBasicKey(c, date, "demo")).ToList(), null, CancellationToken.None);
        return codes;
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_a_real_run_restores_only_the_missing_rows_and_its_rollback_restores_the_table_exactly()
    {
        var (host, client, batchId) = await HostWithBatchAsync();
        using var _ = host;
        var original = await host.DailyTableAsync();
        var perDay = original.Count(r => r.Split('|')[1] == Day1);
        var deleted1 = await DeleteSomeAsync(host, Day1, 100);
        await DeleteSomeAsync(host, Day2, 40);
        var shortened = await host.DailyTableAsync();

        var preview = await (await client.CompensateAsync(new { start_date = "2026-11-01", end_date = "2026-11-30", dry_run = true })).JsonAsync(HttpStatusCode.OK);

        preview.GetProperty("dry_run").GetBoolean().Should().BeTrue();
        preview.GetProperty("dates").EnumerateArray().Select(d => (d.GetProperty("trade_date").GetString(), d.GetProperty("expected").GetInt64(),
                d.GetProperty("present").GetInt64(), d.GetProperty("missing").GetInt64(), d.GetProperty("reason").GetString()))
            .Should().Equal((Day1, (long)perDay, perDay - 100L, 100L, "short"), (Day2, (long)perDay, perDay - 40L, 40L, "short"));
        preview.GetProperty("dates")[0].GetProperty("run_ids").EnumerateArray().Select(r => r.GetString()).Should().Equal(batchId);
        preview.GetProperty("missing_rows").GetInt64().Should().Be(140);
        (await host.DailyTableAsync()).Should().Equal(shortened, "a dry run writes nothing");

        var started = await (await client.CompensateAsync(new { start_date = "2026-11-01", end_date = "2026-11-30", batch_size = 30 })).JsonAsync(HttpStatusCode.Accepted);
        var id = started.GetProperty("compensation").GetProperty("id").GetString()!;
        started.GetProperty("task").GetProperty("task_type").GetString().Should().Be("compensation");
        var done = await client.WaitForStatusAsync(id, "completed", "completed_with_errors", "failed");

        await client.WaitForEndAsync(id);
        done.GetProperty("status").GetString().Should().Be("completed");
        done.GetProperty("rows_written").GetInt64().Should().Be(140);
        done.GetProperty("written").EnumerateArray().Select(w => (w.GetProperty("trade_date").GetString(), w.GetProperty("count").GetInt64(), w.GetProperty("confirmed").GetBoolean()))
            .Should().Equal((Day1, 100L, true), (Day2, 40L, true));
        var compensated = await host.DailyTableAsync();
        compensated.Select(CompensationApi.KeyOf).Should().Equal(original.Select(CompensationApi.KeyOf), "exactly the missing keys came back");
        compensated.Should().Contain(shortened, "rows that were there are unchanged, every column");
        (await host.CheckAsync("quick")).GetProperty("completion_rate").GetDouble().Should().Be(100, "the batch's output is whole again");
        var keys = await client.GetFromJsonAsync<JsonElement>(CompensationApiPaths.ItemFor(id) + "?include_keys=true");
        keys.GetProperty("written")[0].GetProperty("codes").EnumerateArray().Select(c => c.GetString()).Should().Equal(deleted1);

        var rollback = await (await client.PostAsync(CompensationApiPaths.RollbackFor(id), null)).JsonAsync(HttpStatusCode.Accepted);
        rollback.GetProperty("compensation").GetProperty("status").GetString().Should().Be("rolling_back");
        var rolledBack = await client.WaitForStatusAsync(id, "rolled_back");

        rolledBack.GetProperty("rows_removed").GetInt64().Should().Be(140);
        rolledBack.GetProperty("rolled_back_by").GetString().Should().Be("u-operator");
        (await host.DailyTableAsync()).Should().Equal(shortened, "the rollback removed exactly the rows the compensation wrote");
        await client.WaitForEndAsync(rolledBack.GetProperty("rollback_task_id").GetString()!);
        var again = await client.PostAsync(CompensationApiPaths.RollbackFor(id), null);
        (await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("已回滚");
    }

    [Fact]
    public async Task Run_ids_select_only_their_dates_and_max_tasks_bounds_the_dates_per_call()
    {
        using var host = new IntegrityHost();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await host.SeedRunAsync("three-dates", new Dictionary<string, long> { ["20261104"] = 3, ["20261105"] = 3, ["20261106"] = 3 }, at);
        await host.SeedRunAsync("other", new Dictionary<string, long> { ["20261109"] = 3 }, at);
        var client = host.CreateClient(TestApiKeys.Operator);

        var preview = await (await client.CompensateAsync(new { run_ids = new[] { "three-dates" }, max_tasks = 2, dry_run = true })).JsonAsync(HttpStatusCode.OK);

        preview.GetProperty("dates").EnumerateArray().Select(d => d.GetProperty("trade_date").GetString()).Should().Equal("20261104", "20261105");
        preview.GetProperty("dates_not_included").GetInt32().Should().Be(1);
        preview.GetProperty("max_tasks").GetInt32().Should().Be(2);
        preview.GetProperty("batch_size").GetInt32().Should().Be(500);
    }

    [Fact]
    public async Task A_real_compensation_of_dates_that_are_whole_again_is_nothing_to_do_and_takes_no_lock()
    {
        using var host = new IntegrityHost();
        await host.SeedRunAsync("whole", new Dictionary<string, long> { ["20261104"] = 3 }, DateTimeOffset.UtcNow.AddHours(-1));
        await host.SeedRowsAsync("20261104", 3);

        var answer = await (await host.CreateClient(TestApiKeys.Operator).CompensateAsync(new { run_ids = new[] { "whole" } })).JsonAsync(HttpStatusCode.OK);

        answer.GetProperty("dry_run").GetBoolean().Should().BeFalse();
        answer.GetProperty("dates").GetArrayLength().Should().Be(0);
        answer.GetProperty("message").GetString().Should().Be("nothing to compensate");
    }
}
