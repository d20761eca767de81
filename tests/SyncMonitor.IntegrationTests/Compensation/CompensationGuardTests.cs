using SyncMonitor.IntegrationTests.Foundation.Language;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Integrity;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Compensation;

/// <summary>What compensation refuses: another sync holding the lock, bad input, unknown ids.</summary>
public sealed class CompensationGuardTests
{
    private static CompensationRecord Finished(string id) => new()
    {
        Id = id,
        Status = CompensationStatus.Completed,
        Request = new CompensationScope { RunIds = ["short-run"], BatchSize = 500, MaxTasks = 10 },
        Dates = [new CompensationDate { TradeDate = "20261104", Expected = 3, Reason = OutputShortfall.Short }],
        Written = [WrittenRows.Of("20261104", "demo", ["600000"], confirmed: true)],
        RowsWritten = 1,
        CreatedBy = "u-operator",
        CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
    };

    [Fact]
    public async Task While_another_sync_holds_the_lock_a_real_run_and_a_rollback_are_409_but_a_dry_run_answers()
    {
        using var host = new IntegrityHost();
        host.With("Sources:demo:DelayMs", "300");
        await host.SeedRunAsync("short-run", new Dictionary<string, long> { ["20261104"] = 3 }, DateTimeOffset.UtcNow.AddHours(-1));
        await host.Get<ICompensationStore>().SaveAsync(Finished("compensation-earlier"), CancellationToken.None);
        var client = host.CreateClient(TestApiKeys.Operator);
        var running = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();

        var real = await (await client.CompensateAsync(new { run_ids = new[] { "short-run" } })).ProblemAsync(HttpStatusCode.Conflict);
        var rollback = await (await client.PostAsync(CompensationApiPaths.RollbackFor("compensation-earlier"), null)).ProblemAsync(HttpStatusCode.Conflict);
        var dryRun = await client.CompensateAsync(new { run_ids = new[] { "short-run" }, dry_run = true });

        real.GetProperty("message").GetString().Should().Be("已有同步任务正在运行，请等待当前任务完成后再试");
        real.GetProperty("current_task").GetProperty("task_id").GetString().Should().Be(running.TaskId());
        rollback.GetProperty("current_task").GetProperty("task_id").GetString().Should().Be(running.TaskId());
        (await dryRun.JsonAsync(HttpStatusCode.OK)).GetProperty("dates").GetArrayLength().Should().Be(1);
        (await host.Get<ICompensationStore>().GetAsync("compensation-earlier", CancellationToken.None))!.Status
            .Should().Be(CompensationStatus.Completed, "a refused rollback changes nothing");
        await client.WaitForEndAsync(running.TaskId());
    }

    [Theory]
    [InlineData("{\"start_date\":\"2026-11-02\"}", "end_date")]
    [InlineData("{\"start_date\":\"2026-11-09\",\"end_date\":\"2026-11-02\"}", "start_date")]
    [InlineData("{\"start_date\":\"2025-01-01\",\"end_date\":\"2026-11-02\"}", "end_date")]
    [InlineData("{\"start_date\":\"2026-11-02\",\"end_date\":\"2026-11-06\",\"run_ids\":[\"a\"]}", "run_ids")]
    [InlineData("{\"start_date\":\"2026-11-02\",\"end_date\":\"2026-11-06\",\"batch_size\":5001}", "batch_size")]
    [InlineData("{\"start_date\":\"2026-11-02\",\"end_date\":\"2026-11-06\",\"max_tasks\":0}", "max_tasks")]
    [InlineData("{}", "start_date")]
    [InlineData("{\"run_ids\":[\"no-such-run\"]}", "run_ids")]
    [InlineData("{\"run_ids\":[\"not a task id\"]}", "run_ids")]
    [InlineData("{\"start_date\":2026}", "start_date")]
    public async Task Bad_requests_are_400_problems_naming_the_field(string body, string field)
    {
        using var host = new IntegrityHost();

        var response = await host.CreateClient(TestApiKeys.Operator).PostAsync(CompensationApiPaths.Root,
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Only_daily_runs_can_be_compensated_by_id()
    {
        using var host = new IntegrityHost();
        await host.SeedRunAsync("basics", new Dictionary<string, long>(), DateTimeOffset.UtcNow.AddHours(-1), job: "stock_basics");

        var problem = await (await host.CreateClient(TestApiKeys.Operator).InEnglish().CompensateAsync(new { run_ids = new[] { "basics", "missing-1" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("run_ids")[0].GetString();
        message.Should().Contain("No such run: missing-1.").And.Contain("Not a daily run").And.Contain("basics");
    }

    [Fact]
    public async Task Unknown_ids_are_404_malformed_ids_400_and_viewers_may_only_read()
    {
        using var host = new IntegrityHost();
        var operatorClient = host.CreateClient(TestApiKeys.Operator);
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        await (await viewer.GetAsync(CompensationApiPaths.ItemFor("compensation-nope"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await operatorClient.PostAsync(CompensationApiPaths.RollbackFor("compensation-nope"), null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.GetAsync(CompensationApiPaths.Root + "/bad%20id")).ProblemAsync(HttpStatusCode.BadRequest);
        (await viewer.PostAsJsonAsync(CompensationApiPaths.Root, new { run_ids = new[] { "x" }, dry_run = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsync(CompensationApiPaths.RollbackFor("compensation-nope"), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_compensation_whose_run_died_is_shown_as_interrupted_and_can_be_rolled_back()
    {
        using var host = new IntegrityHost();
        await host.SeedRunAsync("compensation-dead", new Dictionary<string, long>(), DateTimeOffset.UtcNow.AddMinutes(-5),
            status: Api.Modules.Sync.SyncRunStatus.Failed, job: CompensationWork.JobName);
        await host.SeedRowsAsync("20261104", 2);
        await host.Get<ICompensationStore>().SaveAsync(Finished("compensation-dead") with
        {
            Status = CompensationStatus.Running,
            Written = [WrittenRows.Of("20261104", "demo", ["600000", "600001"], confirmed: false)],
        }, CancellationToken.None);
        var client = host.CreateClient(TestApiKeys.Operator);

        var view = await client.GetFromJsonAsync<JsonElement>(CompensationApiPaths.ItemFor("compensation-dead"));
        view.GetProperty("status").GetString().Should().Be("failed");
        view.GetProperty("message").GetString().Should().StartWith("interrupted");

        await (await client.PostAsync(CompensationApiPaths.RollbackFor("compensation-dead"), null)).JsonAsync(HttpStatusCode.Accepted);
        var rolledBack = await client.WaitForStatusAsync("compensation-dead", "rolled_back");

        rolledBack.GetProperty("rows_removed").GetInt64().Should().Be(2, "unconfirmed keys were absent before the compensation and are removed too");
        (await host.DailyTableAsync()).Should().BeEmpty();
    }
}
