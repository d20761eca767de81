using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Modules.Metrics.Export;
using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.Api.Modules.Metrics;

/// <summary>Prometheus metrics (<c>/metrics</c>) and the performance monitor (<see cref="IOperationTimings"/>,
/// <c>/api/monitoring/performance</c>, slow-operation alerts). See README.md in this folder.</summary>
public static class MetricsModule
{
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        services.AddValidatedOptions<PerformanceOptions>(PerformanceOptions.Section);
        services.AddMetrics();

        // One registry per host (not prometheus-net's static default), so hosts in one process stay apart.
        services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        services.AddSingleton<IMetricFactory>(sp => Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton<MeterExport>();
        services.AddSingleton<IHealthCheckPublisher, HealthStatusPublisher>();
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<MetricsOptions>>((publisher, metrics) =>
        {
            publisher.Delay = TimeSpan.FromSeconds(1);
            publisher.Period = TimeSpan.FromSeconds(metrics.Value.HealthRefreshSeconds);
        });

        services.AddSingleton<OperationMetrics>();
        services.AddSingleton<SlowOperationSignal>();
        services.AddSingleton(sp => new PerformanceMonitor(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<PerformanceOptions>>().Value,
            sp.GetRequiredService<OperationMetrics>(),
            sp.GetRequiredService<SlowOperationSignal>()));
        services.AddSingleton<IOperationTimings>(sp => sp.GetRequiredService<PerformanceMonitor>());
        services.AddHostedService<SlowOperationAlerts>();
        return services;
    }

    /// <summary>HTTP metrics and endpoint timings by route template. Must come first in the pipeline: routing
    /// has already run (WebApplication adds it in front), and only outside the error handler is the status code
    /// the one the client got.</summary>
    public static IApplicationBuilder UsePrometheusMetrics(this IApplicationBuilder app)
    {
        var export = app.ApplicationServices.GetRequiredService<MeterExport>(); // listen before any module measures
        export.DeclareStartupSeries(app.ApplicationServices.GetServices<IStartupSeries>());
        return app.UseMiddleware<HttpRequestMetricsMiddleware>();
    }

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        var scrape = endpoints.MapMetrics(MetricsApiPaths.Metrics, endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>())
            .WithName("GetMetrics")
            .WithTags("Metrics");
        if (options.RequireApiKey)
        {
            scrape.RequireAuthorization(Policies.Viewer);
        }
        else
        {
            scrape.AllowAnonymous();
        }

        endpoints.MapPerformance();
        return endpoints;
    }
}
