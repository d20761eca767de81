using OpenTelemetry.Resources;
using SyncMonitor.Api.Common.Health;
using OpenTelemetry.Trace;

namespace SyncMonitor.Api.Modules.Metrics.Tracing;

/// <summary>OpenTelemetry traces, exported with OTLP, switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// setting (environment variable or any configuration source); the other <c>OTEL_*</c> variables (protocol, headers,
/// <c>OTEL_SERVICE_NAME</c>) work as the OpenTelemetry SDK documents them. Spans: incoming requests (not scrapes or
/// health probes), outgoing HTTP calls to sources, and <see cref="SyncMonitorTracing"/>'s run, source-call and
/// store-batch spans. Off, nothing is registered and nothing listens.</summary>
public static class TracingModule
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "syncmonitor";

    public static WebApplicationBuilder AddTracing(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(DefaultServiceName))
            .WithTracing(tracing => tracing
                .AddSource(SyncMonitorTracing.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return builder;
    }

    private static bool IsScrapeOrProbe(PathString path)
        => path.StartsWithSegments(MetricsApiPaths.Metrics) || path.StartsWithSegments(HealthApiPaths.Live) || path.StartsWithSegments(HealthApiPaths.Ready);
}
