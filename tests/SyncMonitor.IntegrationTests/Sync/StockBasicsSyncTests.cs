using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>The stock-basics sync end to end on the embedded default: demo source, real SQLite file.</summary>
public sealed class StockBasicsSyncTests
{
    [Fact]
    public async Task Status_is_never_run_on_an_empty_store()
    {
        using var host = new SyncMonitorFactory();
        var status = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(SyncApiPaths.StockBasicsStatus);

        status.GetProperty("success").GetBoolean().Should().BeTrue();
        status.GetProperty("data").GetProperty("status").GetString().Should().Be("never_run");
    }

    [Fact]
    public async Task A_full_demo_sync_stores_every_stock_and_a_second_run_updates_them()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var first = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
        var second = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        first.GetProperty("status").GetString().Should().Be("success");
        var total = first.GetProperty("total").GetInt64();
        total.Should().BeInRange(2 * 4800, 2 * 5200, "the demo sync fills demo and demo_alt");
        first.GetProperty("inserted").GetInt64().Should().Be(total);
        (first.GetProperty("inserted").GetInt64() + first.GetProperty("updated").GetInt64() + first.GetProperty("errors").GetInt64()).Should().Be(total);
        first.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Equal("stock_list:demo", "stock_list:demo_alt");
        var stats = first.GetProperty("source_stats");
        (stats.GetProperty("demo").GetProperty("success").GetInt64() + stats.GetProperty("demo_alt").GetProperty("success").GetInt64()).Should().Be(total);
        first.GetProperty("synthetic").GetBoolean().Should().BeTrue();
        first.GetProperty("triggered_by").GetString().Should().Be("u-operator");
        first.GetProperty("finished_at").GetDateTimeOffset().Should().BeAfter(first.GetProperty("started_at").GetDateTimeOffset());

        second.GetProperty("status").GetString().Should().Be("success");
        second.GetProperty("inserted").GetInt64().Should().Be(0);
        second.GetProperty("updated").GetInt64().Should().Be(total);

        var history = await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.History + "?page=1&page_size=1");
        var page = history.GetProperty("data");
        page.GetProperty("total").GetInt64().Should().Be(2);
        page.GetProperty("items")[0].TaskId().Should().Be(second.TaskId(), "history is newest first");
        var page2 = (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.History + "?page=2&page_size=1")).GetProperty("data");
        page2.GetProperty("items")[0].TaskId().Should().Be(first.TaskId());
    }

    [Fact]
    public async Task After_a_restart_the_status_comes_from_the_store()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        string taskId;
        using (var host = SyncMonitorFactory.ForDataDirectory(directory))
        {
            var client = host.CreateClient(TestApiKeys.Operator);
            taskId = (await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId())).TaskId();
        }

        using var restarted = SyncMonitorFactory.ForDataDirectory(directory);
        var status = await restarted.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(SyncApiPaths.StockBasicsStatus);

        status.GetProperty("data").TaskId().Should().Be(taskId);
        status.GetProperty("data").GetProperty("status").GetString().Should().Be("success");
    }

    [Fact]
    public async Task The_run_answers_202_with_the_task_and_a_location_for_its_progress()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var response = await client.RunStockBasicsAsync("?force=true&preferred_sources=demo");
        var run = await response.AcceptedRunAsync();

        run.GetProperty("status").GetString().Should().Be("running");
        run.GetProperty("task_type").GetString().Should().Be("stock_basics");
        response.Headers.Location!.ToString().Should().Be($"/api/sync/tasks/{run.TaskId()}/progress");
        (await client.WaitForEndAsync(run.TaskId())).GetProperty("status").GetString().Should().Be("success");
    }

    [Fact]
    public async Task Rows_a_csv_source_rejects_count_as_errors_and_the_run_says_why()
    {
        using var host = new SyncMonitorFactory().With("Sources:csv:FilePath", Fixtures.PathOf("csv/stocks_with_bad_rows.csv"));
        var client = host.CreateClient(TestApiKeys.Operator);

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success_with_errors");
        run.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Equal("stock_list:csv");
        run.GetProperty("inserted").GetInt64().Should().Be(2);
        run.GetProperty("errors").GetInt64().Should().Be(8, "the eight rows the file reader rejected");
        run.GetProperty("total").GetInt64().Should().Be(10);
        var samples = run.GetProperty("error_samples").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToList();
        samples.Should().HaveCount(8).And.Contain(r => r!.StartsWith("line 4:", StringComparison.Ordinal) && r.Contains("'n/a' is not a number"));
        run.GetProperty("synthetic").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(SyncApiPaths.StockBasicsRun + "?preferred_sources=nosuch", "preferred_sources")]
    [InlineData(SyncApiPaths.StockBasicsRun + "?preferred_sources=tushare", "preferred_sources")]
    [InlineData(SyncApiPaths.StockBasicsRun + "?force=maybe", "force")]
    public async Task Bad_run_input_is_400_with_the_field(string path, string field)
    {
        using var host = new SyncMonitorFactory();
        var problem = await (await host.CreateClient(TestApiKeys.Operator).PostAsync(path, null)).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=10000", "page_size")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=100001", "page")]
    [InlineData("?status=sleeping", "status")]
    [InlineData("?task_type=nightly_thing", "task_type")]
    public async Task Bad_history_queries_are_400(string query, string field)
    {
        using var host = new SyncMonitorFactory();
        var problem = await (await host.CreateClient(TestApiKeys.Viewer).GetAsync(SyncApiPaths.History + query)).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Viewers_read_but_cannot_run()
    {
        using var host = new SyncMonitorFactory();
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        (await viewer.RunStockBasicsAsync()).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.GetAsync(SyncApiPaths.Current)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync(SyncApiPaths.MultiSourceStatus)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
