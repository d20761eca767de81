namespace SyncMonitor.Api.Modules.Metrics;

public static class MetricsApiPaths
{
    /// <summary>Prometheus text exposition.</summary>
    public const string Metrics = "/metrics";

    /// <summary>Per-operation timings over the sliding window: <c>?sort=count|p95&amp;operation=prefix</c>.</summary>
    public const string Performance = "/api/monitoring/performance";
}
