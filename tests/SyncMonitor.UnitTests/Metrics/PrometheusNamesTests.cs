using SyncMonitor.Api.Modules.Metrics.Export;

namespace SyncMonitor.UnitTests.Metrics;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("syncmonitor_sync_runs", "syncmonitor_sync_runs")]
    [InlineData("SyncMonitor.Sync-Runs", "syncmonitor_sync_runs")]
    [InlineData("source.name", "source_name")]
    [InlineData("9lives", "_9lives")]
    public void Names_are_lowercased_with_invalid_characters_replaced(string input, string expected)
        => PrometheusNames.Sanitize(input).Should().Be(expected);

    [Theory]
    [InlineData("syncmonitor_oplog_dropped", "syncmonitor_oplog_dropped_total")]
    [InlineData("syncmonitor_rows_written_total", "syncmonitor_rows_written_total")]
    public void Counters_end_in_total_exactly_once(string instrument, string exported)
        => PrometheusNames.Counter(instrument).Should().Be(exported);
}
