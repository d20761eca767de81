using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary><c>syncmonitor_source_available{source}</c> next to the source's request series, from real calls.</summary>
public sealed class SourceAvailabilityTests
{
    [Fact]
    public async Task A_source_whose_calls_fail_is_reported_unavailable_and_its_failures_counted()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:FailureRate", "1");
        var client = host.CreateClient(TestApiKeys.Operator);
        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
        run.GetProperty("status").GetString().Should().Be("failed");

        var samples = PrometheusText.Parse(await host.CreateClient().GetStringAsync(MetricsApiPaths.Metrics));

        samples.Should().Contain("syncmonitor_source_available{source=\"demo\"}", 0);
        samples.Should().Contain("syncmonitor_source_available{source=\"demo_alt\"}", 1, "demo_alt was never called");
        samples.Value("syncmonitor_source_requests_total", ("api", "stock_list"), ("outcome", "injected"), ("source", "demo"))
            .Should().BeGreaterThanOrEqualTo(1);
        samples.Value("syncmonitor_sync_runs_total", ("status", "failed"), ("task_type", "stock_basics")).Should().Be(1);
    }

    [Fact]
    public async Task A_source_whose_calls_succeed_stays_available_with_its_calls_counted()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        var samples = PrometheusText.Parse(await host.CreateClient().GetStringAsync(MetricsApiPaths.Metrics));

        samples.Should().Contain("syncmonitor_source_available{source=\"demo\"}", 1);
        samples.Value("syncmonitor_source_requests_total", ("api", "stock_list"), ("outcome", "success"), ("source", "demo"))
            .Should().BeGreaterThanOrEqualTo(1);
        samples.Value("syncmonitor_source_request_duration_seconds_count", ("api", "stock_list"), ("outcome", "success"), ("source", "demo"))
            .Should().BeGreaterThanOrEqualTo(1);
    }
}
