using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>Connects System.Diagnostics.Metrics to this host's registry: <c>SyncMonitor.*</c> meters through
/// <see cref="SyncMonitorMeterBridge"/>, every other meter of the process (ASP.NET Core, Kestrel, runtime,
/// HttpClient) through prometheus-net's meter adapter, named <c>{meter}_{instrument}</c> as gauges/histograms
/// that expire after 5 idle minutes. Started before the first request so no measurement is lost.</summary>
internal sealed class MeterExport : IDisposable
{
    /// <summary>The runtime's own diagnostics (e.g. msquic internals): not meant for dashboards.</summary>
    private const string RuntimeInternalsPrefix = "Private.InternalDiagnostics.";

    /// <summary>Meters that record on every request (or, for the memory pool, on every 4 KB block a response rents):
    /// measured under load, prometheus-net's adapter took ~13 % of the CPU of a warm authenticated GET. Left out
    /// unless <see cref="MetricsOptions.ExportPerRequestMeters"/>; a disabled instrument costs its caller nothing.</summary>
    internal static readonly string[] PerRequestMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.MemoryPool",
    ];

    private readonly SyncMonitorMeterBridge _bridge;
    private readonly IDisposable _adapter;

    public MeterExport(
        CollectorRegistry registry, IMetricFactory factory, IMeterFactory meters, IOptions<MetricsOptions> options, ILogger<SyncMonitorMeterBridge> logger)
    {
        var perRequest = options.Value.ExportPerRequestMeters;
        _bridge = new SyncMonitorMeterBridge(registry, factory, meters, logger);
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            // prometheus-net 8.2.1 creates the series through this factory; Registry alone leaves them in the static default registry.
            MetricFactory = factory,
            InstrumentFilterPredicate = instrument => !instrument.Meter.Name.StartsWith(SyncMonitorMeterBridge.MeterPrefix, StringComparison.Ordinal)
                && !instrument.Meter.Name.StartsWith(RuntimeInternalsPrefix, StringComparison.Ordinal)
                && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meters))
                && (perRequest || !PerRequestMeters.Contains(instrument.Meter.Name, StringComparer.Ordinal)),
            ResolveHistogramBuckets = instrument => instrument.Unit == "s" ? DurationBuckets.Seconds : MeterAdapterOptions.DefaultHistogramBuckets,
        });
    }

    /// <summary>Publishes every module's <see cref="IStartupSeries"/> at zero; resolving them creates their
    /// instruments, which this export already listens to.</summary>
    public void DeclareStartupSeries(IEnumerable<IStartupSeries> modules)
    {
        foreach (var series in modules.SelectMany(m => m.Declare()))
        {
            _bridge.Declare(series);
        }
    }

    public void Dispose()
    {
        _adapter.Dispose();
        _bridge.Dispose();
    }
}
