using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.TestSupport;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>The daily batch fetches the next dates while it writes the current one, within a bound, and still writes
/// and records every date in order.</summary>
public sealed class DailyBatchPipelineTests
{
    [Fact]
    public async Task Fetching_runs_a_bounded_number_of_dates_ahead_of_a_slow_write_and_every_date_is_written_in_order()
    {
        var source = new FakeDailySource("steady");
        var faults = new FaultPlan();
        var firstWrite = faults.On<IDailyBasicStore>(nameof(IDailyBasicStore.UpsertGroupsAsync)).OnCall(1).Hangs();
        // One 3-row date per write and two dates ahead: the bound below is exact.
        using var host = new SyncMonitorFactory()
            .With("Sync:DailyBatchSize", "3").With("Sync:DailyFetchAheadDates", "2")
            .WithServices(s => s.AddSingleton<IStockDataSource>(source))
            .WithFaults<IDailyBasicStore>(faults);
        var client = host.CreateClient(TestApiKeys.Operator);

        // 2026-11-02 … 2026-11-13: ten weekdays, the fake's trade days.
        var response = await client.PostAsJsonAsync(SyncApiPaths.Batch,
            new { start_date = "2026-11-02", end_date = "2026-11-13", preferred_sources = new[] { "steady" } });
        var taskId = (await response.AcceptedRunAsync()).TaskId();
        await firstWrite.Hit;
        await Eventually.HoldsAsync(() => source.DailyCalls >= 3, "the next dates are fetched while the first one is being written");
        await Task.Delay(300);
        source.DailyCalls.Should().BeLessThanOrEqualTo(4, "one date is being written, two wait in the channel and one waits to enter it");
        firstWrite.Release();
        var run = await client.WaitForEndAsync(taskId);

        run.GetProperty("status").GetString().Should().Be("success");
        run.GetProperty("rows_by_date").EnumerateObject().Select(p => p.Name).Should().Equal(
            "20261102", "20261103", "20261104", "20261105", "20261106", "20261109", "20261110", "20261111", "20261112", "20261113");
        run.GetProperty("rows_by_date").EnumerateObject().Should().OnlyContain(p => p.Value.GetInt64() == 3);
        (run.GetProperty("inserted").GetInt64(), run.GetProperty("total").GetInt64()).Should().Be((30, 30));
        run.GetProperty("last_trade_date").GetString().Should().Be("20261113");
        source.DailyCalls.Should().Be(10);
    }

    [Fact]
    public async Task Demo_dates_go_to_the_store_whole_in_a_few_calls_never_row_by_row()
    {
        var faults = new FaultPlan();
        using var host = new SyncMonitorFactory().WithFaults<IDailyBasicStore>(faults);
        var client = host.CreateClient(TestApiKeys.Operator);

        // 2026-11-02 … 2026-11-04: three demo trade days of ~5,000 stocks each.
        var run = await client.WaitForEndAsync((await (await client.RunBatchAsync("2026-11-02", "2026-11-04")).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success");
        var perDate = run.GetProperty("rows_by_date").EnumerateObject().Select(p => p.Value.GetInt64()).ToList();
        perDate.Should().HaveCount(3).And.OnlyContain(rows => rows > 1_000);
        faults.CallsOf<IDailyBasicStore>(nameof(IDailyBasicStore.UpsertGroupsAsync)).Should().BeInRange(1, 3,
            "whole dates go in one bulk write (Sync:DailyBatchSize 40,000), several together when they were fetched by then; " +
            "for SQLite one transaction and for MongoDB one unordered bulk");
        faults.CallsOf<IDailyBasicStore>(nameof(IDailyBasicStore.UpsertAsync)).Should().Be(0);
    }

    [Fact]
    public async Task Dates_fetched_while_a_write_waits_go_into_the_next_write_together_each_with_its_own_counts()
    {
        var source = new FakeDailySource("steady");
        var faults = new FaultPlan();
        var firstWrite = faults.On<IDailyBasicStore>(nameof(IDailyBasicStore.UpsertGroupsAsync)).OnCall(1).Hangs();
        using var host = new SyncMonitorFactory()
            .WithServices(s => s.AddSingleton<IStockDataSource>(source))
            .WithFaults<IDailyBasicStore>(faults);
        var client = host.CreateClient(TestApiKeys.Operator);

        var response = await client.PostAsJsonAsync(SyncApiPaths.Batch,
            new { start_date = "2026-11-02", end_date = "2026-11-13", preferred_sources = new[] { "steady" } });
        var taskId = (await response.AcceptedRunAsync()).TaskId();
        await firstWrite.Hit;
        await Eventually.HoldsAsync(() => source.DailyCalls >= 8, "the next dates are fetched while the first write waits (6 ahead)");
        firstWrite.Release();
        var run = await client.WaitForEndAsync(taskId);

        run.GetProperty("status").GetString().Should().Be("success");
        faults.CallsOf<IDailyBasicStore>(nameof(IDailyBasicStore.UpsertGroupsAsync)).Should().BeLessThanOrEqualTo(4,
            "the dates waiting when the first write ended went in one or two more writes, not one each");
        run.GetProperty("rows_by_date").EnumerateObject().Should().HaveCount(10).And.OnlyContain(p => p.Value.GetInt64() == 3);
        (run.GetProperty("inserted").GetInt64(), run.GetProperty("updated").GetInt64(), run.GetProperty("errors").GetInt64(), run.GetProperty("total").GetInt64())
            .Should().Be((30, 0, 0, 30));
        run.GetProperty("last_trade_date").GetString().Should().Be("20261113");
    }
}
