using System.Globalization;
using System.Text.RegularExpressions;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary><c>/metrics</c> scraped after a real run, parsed as Prometheus text: the run, its rows and the requests.</summary>
public sealed partial class MetricsAfterSyncTests
{
    [Fact]
    public async Task After_a_sync_the_run_rows_and_request_series_have_real_values()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        var samples = Parse(await host.CreateClient().GetStringAsync("/metrics"));

        Value(samples, "syncmonitor_sync_runs_total", ("status", "success"), ("task_type", "stock_basics")).Should().Be(1);
        Value(samples, "syncmonitor_sync_rows_written_total", ("table", "stock_basic_info"), ("result", "inserted"))
            .Should().Be(run.GetProperty("inserted").GetInt64());
        Value(samples, "http_requests_received_total", ("method", "POST"), ("route", "/api/sync/stock_basics/run"), ("code", "202"))
            .Should().Be(1);
        Value(samples, "syncmonitor_sync_lock_acquire_seconds_count", ("acquired", "true")).Should().BeGreaterThanOrEqualTo(1);
        samples.Keys.Should().Contain(k => k.StartsWith("syncmonitor_store_latency_seconds_count", StringComparison.Ordinal)
            && k.Contains("store.stock_basic_info.upsert", StringComparison.Ordinal));
    }

    /// <summary>Prometheus text exposition: <c>name{label="value",…} number</c> per line, comments skipped.</summary>
    private static Dictionary<string, double> Parse(string text)
        => text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success)
            .GroupBy(m => m.Groups["series"].Value)
            .ToDictionary(g => g.Key, g => double.Parse(g.First().Groups["value"].Value, CultureInfo.InvariantCulture));

    private static double Value(Dictionary<string, double> samples, string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Where(s => s.Key.StartsWith(name + "{", StringComparison.Ordinal) || s.Key == name)
            .Where(s => labels.All(l => s.Key.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();
        matching.Should().NotBeEmpty($"{name} with {string.Join(",", labels)} is exported");
        return matching.Sum(s => s.Value);
    }

    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?)\s+(?<value>[-+0-9.eEnaNIf]+)")]
    private static partial Regex SampleLine();
}
