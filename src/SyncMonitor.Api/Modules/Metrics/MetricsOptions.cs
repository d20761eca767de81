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

    /// <summary>false (default): the ASP.NET Core meters that measure every request or every buffer (hosting, routing,
    /// authentication, authorization, rate limiting, Kestrel's memory pool) are not exported — the HTTP series
    /// (<c>http_requests_received_total</c>, <c>http_request_duration_seconds</c>) already count and time each request,
    /// and exporting those meters cost more CPU per request than the status endpoint itself. true: exported as well.</summary>
    public bool ExportPerRequestMeters { get; set; }
}
