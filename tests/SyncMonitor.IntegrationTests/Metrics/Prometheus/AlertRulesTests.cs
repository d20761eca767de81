using System.Text.Json;

namespace SyncMonitor.IntegrationTests.Metrics.Prometheus;

/// <summary><c>deploy/prometheus/syncmonitor.rules.yml</c> proven with the real tools: promtool checks it and runs its
/// unit tests (<c>syncmonitor.rules.test.yml</c>, series for every alert), and a real Prometheus scraping a real host
/// raises the sync-failed alert after a demo run fails.</summary>
[Collection(MonitoredServiceCollection.Name)]
public sealed class AlertRulesTests(MonitoredService service)
{
    [Fact]
    public async Task Promtool_accepts_the_shipped_rules()
    {
        var (exitCode, output) = await PrometheusTools.PromtoolAsync(PrometheusTools.DeployDirectory, "check", "rules", PrometheusTools.RulesFile);

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task The_unit_tests_of_every_alert_pass_in_promtool()
    {
        var directory = Path.GetDirectoryName(PrometheusTools.RulesTestFile)!;
        var (exitCode, output) = await PrometheusTools.PromtoolAsync(directory, "test", "rules", Path.GetFileName(PrometheusTools.RulesTestFile));

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
        foreach (var alert in new[]
                 {
                     "SyncMonitorDown", "SyncMonitorAbsent", "SyncMonitorSyncFailed", "SyncMonitorStockBasicsStale", "SyncMonitorScheduledRunsSkipped",
                     "SyncMonitorOperationLogDropped", "SyncMonitorSourceUnavailable", "SyncMonitorIntegrityHigh", "SyncMonitorIntegrityCritical",
                 })
        {
            (await File.ReadAllTextAsync(PrometheusTools.RulesTestFile)).Should().Contain("alertname: " + alert, "every alert has a unit test");
        }
    }

    [Fact]
    public async Task A_failed_demo_sync_becomes_an_active_SyncMonitorSyncFailed_alert_in_Prometheus()
    {
        var prometheus = service.Prometheus;
        JsonElement? firing = null;
        await prometheus.UntilAsync(async () =>
        {
            firing = (await prometheus.AlertsAsync()).EnumerateArray().Cast<JsonElement?>().FirstOrDefault(a =>
                a!.Value.GetProperty("labels").GetProperty("alertname").GetString() == "SyncMonitorSyncFailed"
                && a.Value.GetProperty("state").GetString() == "firing");
            return firing is not null;
        }, "the SyncMonitorSyncFailed alert to fire");

        var labels = firing!.Value.GetProperty("labels");
        labels.GetProperty("task_type").GetString().Should().Be("stock_basics");
        labels.GetProperty("severity").GetString().Should().Be("warning");
        firing.Value.GetProperty("annotations").GetProperty("summary").GetString().Should().StartWith("A stock_basics sync failed on 127.0.0.1:");
    }

    [Fact]
    public async Task The_service_is_up_and_no_other_alert_fires_on_a_healthy_fresh_install()
    {
        var prometheus = service.Prometheus;

        (await prometheus.QueryAsync("up{job=\"syncmonitor\"} == 1")).GetArrayLength().Should().Be(1);
        var others = (await prometheus.AlertsAsync()).EnumerateArray()
            .Select(a => a.GetProperty("labels").GetProperty("alertname").GetString())
            .Where(name => name is not ("SyncMonitorSyncFailed" or "SyncMonitorSourceUnavailable"));
        others.Should().BeEmpty("the stale alert waits 26 h from the process start; nothing else is wrong");
    }
}
