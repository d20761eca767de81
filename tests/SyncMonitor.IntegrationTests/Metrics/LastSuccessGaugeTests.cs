using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary><c>syncmonitor_sync_last_success_timestamp_seconds{data="stock_basics"}</c>, which the staleness alert reads:
/// set by a successful run, and read back from the store after a restart.</summary>
public sealed class LastSuccessGaugeTests
{
    private const string Series = "syncmonitor_sync_last_success_timestamp_seconds{data=\"stock_basics\"}";

    [Fact]
    public async Task A_successful_stock_basics_run_sets_the_gauge_and_a_restarted_host_reads_it_from_the_store()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        try
        {
            DateTimeOffset finishedAt;
            using (var first = SyncMonitorFactory.ForDataDirectory(dataDirectory))
            {
                (await ScrapeAsync(first)).Keys.Should().NotContain(Series, "no run has succeeded yet");
                var client = first.CreateClient(TestApiKeys.Operator);
                var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
                finishedAt = run.GetProperty("finished_at").GetDateTimeOffset();

                // Metrics are told just after the end shows in the status (RunFinisher), so the scrape may need a moment.
                await Eventually.HoldsAsync(async () => (await ScrapeAsync(first)).ContainsKey(Series), "the finished run reaches the gauge");
                (await ScrapeAsync(first))[Series].Should().BeApproximately(finishedAt.ToUnixTimeMilliseconds() / 1000.0, 0.001);
            }

            using var second = SyncMonitorFactory.ForDataDirectory(dataDirectory);
            await Eventually.HoldsAsync(async () => (await ScrapeAsync(second)).ContainsKey(Series), "the restarted host reads the last success from the store");
            (await ScrapeAsync(second))[Series].Should().BeApproximately(finishedAt.ToUnixTimeMilliseconds() / 1000.0, 0.001);
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task A_failed_run_leaves_the_gauge_absent()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:FailureRate", "1");
        var client = host.CreateClient(TestApiKeys.Operator);
        await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        (await ScrapeAsync(host)).Keys.Should().NotContain(Series);
    }

    private static async Task<Dictionary<string, double>> ScrapeAsync(SyncMonitorFactory host)
        => PrometheusText.Parse(await host.CreateClient().GetStringAsync(MetricsApiPaths.Metrics));
}
