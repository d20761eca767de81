using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Metrics;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>false (default): <c>/metrics</c> is anonymous, as Prometheus scrapers expect (keep the port
    /// internal). true: it needs a viewer key (<c>X-Api-Key</c>; in Prometheus, an <c>authorization</c> or
    /// header setting of the scrape job).</summary>
    public bool RequireApiKey { get; set; }

    /// <summary>How often the health checks run to refresh <c>syncmonitor_health_status</c>.</summary>
    [Range(1, 3600)]
    public int HealthRefreshSeconds { get; set; } = 15;
}
