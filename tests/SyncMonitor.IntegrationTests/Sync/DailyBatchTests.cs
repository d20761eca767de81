using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>The daily batch over trade dates (SPEC §3.2, §3.5 batch row).</summary>
public sealed class DailyBatchTests
{
    private static SyncMonitorFactory HostWith(params IStockDataSource[] sources)
        => new SyncMonitorFactory().WithServices(services =>
        {
            foreach (var source in sources)
            {
                services.AddSingleton(source);
            }
        });

    [Fact]
    public async Task A_demo_batch_syncs_every_trade_day_of_the_range_and_records_the_calendar()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        // 2026-09-28 … 2026-10-09 spans the National Day holiday (Oct 1–7) of the demo calendar.
        var run = await client.WaitForEndAsync((await (await client.RunBatchAsync("2026-09-28", "2026-10-09")).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success");
        run.GetProperty("task_type").GetString().Should().Be("web_batch");
        run.GetProperty("total_days").GetInt32().Should().Be(5, "Sep 28, 29, 30, Oct 8, 9 are the trade days");
        run.GetProperty("start_date").GetString().Should().Be("20260928");
        run.GetProperty("end_date").GetString().Should().Be("20261009");
        run.GetProperty("last_trade_date").GetString().Should().Be("20261009");
        run.GetProperty("rows_by_date").EnumerateObject().Select(p => p.Name).Should().Equal("20260928", "20260929", "20260930", "20261008", "20261009");
        run.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Contain(["trade_calendar:demo", "daily_data:demo"]);
        var total = run.GetProperty("total").GetInt64();
        run.GetProperty("inserted").GetInt64().Should().Be(total).And.BeGreaterThan(5 * 4800);
    }

    [Fact]
    public async Task A_date_that_fails_is_recorded_and_the_batch_goes_on_to_end_success_with_errors()
    {
        var flaky = new FakeDailySource("flaky", "20261104");
        using var host = HostWith(flaky);
        var client = host.CreateClient(TestApiKeys.Operator);

        var response = await client.PostAsJsonAsync(SyncApiPaths.Batch,
            new { start_date = "2026-11-02", end_date = "2026-11-08", preferred_sources = new[] { "flaky" } });
        var run = await client.WaitForEndAsync((await response.AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success_with_errors");
        run.GetProperty("total_days").GetInt32().Should().Be(5);
        run.GetProperty("failed_dates").EnumerateArray().Select(e => e.GetString()).Should().Equal("20261104");
        run.GetProperty("inserted").GetInt64().Should().Be(4 * 3);
        run.GetProperty("total").GetInt64().Should().Be(4 * 3);
        run.GetProperty("last_trade_date").GetString().Should().Be("20261106");
        run.GetProperty("message").GetString().Should().Contain("20261104");
        run.GetProperty("source_stats").GetProperty("flaky").GetProperty("success").GetInt64().Should().Be(12);
        run.GetProperty("synthetic").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_source_that_goes_down_mid_run_hands_the_remaining_dates_to_the_next_source()
    {
        var first = new FakeDailySource("first", "20261104", "20261105", "20261106");
        var second = new FakeDailySource("second");
        using var host = HostWith(first, second);
        var client = host.CreateClient(TestApiKeys.Operator);

        var response = await client.PostAsJsonAsync(SyncApiPaths.Batch,
            new { start_date = "2026-11-02", end_date = "2026-11-06", preferred_sources = new[] { "first", "second" } });
        var run = await client.WaitForEndAsync((await response.AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success");
        run.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Contain(["daily_data:first", "daily_data:second"]);
        run.GetProperty("source_stats").GetProperty("first").GetProperty("success").GetInt64().Should().Be(6);
        run.GetProperty("source_stats").GetProperty("second").GetProperty("success").GetInt64().Should().Be(9);
        first.DailyCalls.Should().Be(3, "after it failed on Nov 4 the first source is not asked again");
    }

    [Fact]
    public async Task When_every_date_fails_the_run_fails()
    {
        using var host = HostWith(new FakeDailySource("down", "20261102", "20261103"));
        var client = host.CreateClient(TestApiKeys.Operator);

        var response = await client.PostAsJsonAsync(SyncApiPaths.Batch,
            new { start_date = "2026-11-02", end_date = "2026-11-03", preferred_sources = new[] { "down" } });
        var run = await client.WaitForEndAsync((await response.AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("failed_dates").GetArrayLength().Should().Be(2);
    }

    [Theory]
    [InlineData("{\"start_date\":\"2026-13-01\",\"end_date\":\"2026-11-06\"}", "start_date")]
    [InlineData("{\"start_date\":\"2026-11-06\"}", "end_date")]
    [InlineData("{\"start_date\":\"2026-11-06\",\"end_date\":\"2026-11-02\"}", "start_date")]
    [InlineData("{\"start_date\":\"2025-01-01\",\"end_date\":\"2026-01-02\"}", "end_date")]
    [InlineData("{\"start_date\":\"2026/11/02\",\"end_date\":\"2026-11-06\"}", "start_date")]
    [InlineData("{\"start_date\":\"2026-11-02\",\"end_date\":\"2026-11-06\",\"preferred_sources\":[\"nosuch\"]}", "preferred_sources")]
    [InlineData("{\"start_date\":", "body")]
    public async Task Bad_batch_input_is_400_with_the_field(string body, string field)
    {
        using var host = new SyncMonitorFactory();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await (await host.CreateClient(TestApiKeys.Operator).PostAsync(SyncApiPaths.Batch, content)).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_range_of_exactly_366_days_is_accepted()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var response = await client.RunBatchAsync("2025-01-01", "2026-01-01");

        var run = await response.AcceptedRunAsync();
        await client.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null);
        await client.WaitForEndAsync(run.TaskId());
    }
}
