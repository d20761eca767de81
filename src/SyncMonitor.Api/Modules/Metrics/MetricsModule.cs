namespace SyncMonitor.Api.Modules.Metrics;

/// <summary>Prometheus metrics and the performance monitor.</summary>
public static class MetricsModule
{
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
        => services.AddSingleton<IOperationTimings, NullOperationTimings>();

    /// <summary>HTTP request metrics by route template (placed after routing, before authorization).</summary>
    public static IApplicationBuilder UsePrometheusMetrics(this IApplicationBuilder app) => app;

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints) => endpoints;
}
