using System.Diagnostics.Metrics;
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

    private readonly SyncMonitorMeterBridge _bridge;
    private readonly IDisposable _adapter;

    public MeterExport(CollectorRegistry registry, IMetricFactory factory, IMeterFactory meters, ILogger<SyncMonitorMeterBridge> logger)
    {
        _bridge = new SyncMonitorMeterBridge(registry, factory, meters, logger);
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            // prometheus-net 8.2.1 creates the series through this factory; Registry alone leaves them in the static default registry.
            MetricFactory = factory,
            InstrumentFilterPredicate = instrument => !instrument.Meter.Name.StartsWith(SyncMonitorMeterBridge.MeterPrefix, StringComparison.Ordinal)
                && !instrument.Meter.Name.StartsWith(RuntimeInternalsPrefix, StringComparison.Ordinal)
                && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meters)),
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
