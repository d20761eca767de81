using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>Exports every registered health check as <c>syncmonitor_health_status{check}</c>: 1 healthy,
/// 0.5 degraded, 0 unhealthy. Health checks run in the background on <see cref="MetricsOptions.HealthRefreshSeconds"/>
/// (the health-check publisher), never during a scrape, so a slow store cannot stall Prometheus.</summary>
internal sealed class HealthStatusPublisher(IMetricFactory factory) : IHealthCheckPublisher
{
    private readonly Gauge _status = factory.CreateGauge(
        "syncmonitor_health_status",
        "Health check status: 1 healthy, 0.5 degraded, 0 unhealthy (refreshed every Metrics:HealthRefreshSeconds).",
        ["check"]);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (check, entry) in report.Entries)
        {
            _status.WithLabels(check).Set(ValueOf(entry.Status));
        }

        return Task.CompletedTask;
    }

    public static double ValueOf(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };
}
