using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary><c>/metrics</c> scraped after a real run, parsed as Prometheus text: the run, its rows and the requests.</summary>
public sealed class MetricsAfterSyncTests
{
    [Fact]
    public async Task After_a_sync_the_run_rows_and_request_series_have_real_values()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        var samples = PrometheusText.Parse(await host.CreateClient().GetStringAsync("/metrics"));

        samples.Value("syncmonitor_sync_runs_total", ("status", "success"), ("task_type", "stock_basics")).Should().Be(1);
        samples.Value("syncmonitor_sync_rows_written_total", ("table", "stock_basic_info"), ("result", "inserted"))
            .Should().Be(run.GetProperty("inserted").GetInt64());
        samples.Value("http_requests_received_total", ("method", "POST"), ("route", "/api/sync/stock_basics/run"), ("code", "202"))
            .Should().Be(1);
        samples.Value("syncmonitor_sync_lock_acquire_seconds_count", ("acquired", "true")).Should().BeGreaterThanOrEqualTo(1);
        samples.Keys.Should().Contain(k => k.StartsWith("syncmonitor_store_latency_seconds_count", StringComparison.Ordinal)
            && k.Contains("store.stock_basic_info.upsert", StringComparison.Ordinal));
    }
}
