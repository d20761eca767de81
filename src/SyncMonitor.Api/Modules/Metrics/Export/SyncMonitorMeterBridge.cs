using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>Exports the instruments of this host's <c>SyncMonitor.*</c> meters under their own names (see
/// README.md in this folder). prometheus-net's stock meter adapter would prefix the meter name, turn counters
/// into gauges without <c>_total</c>, ignore advised buckets and drop a series after 5 idle minutes, so the
/// modules' metrics get this listener instead; every other meter still goes through the stock adapter.</summary>
internal sealed partial class SyncMonitorMeterBridge : IDisposable
{
    public const string MeterPrefix = "SyncMonitor.";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentExport> _exports = new();
    private readonly IMetricFactory _factory;
    private readonly IMeterFactory _meters;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    public SyncMonitorMeterBridge(CollectorRegistry registry, IMetricFactory factory, IMeterFactory meters, ILogger<SyncMonitorMeterBridge> logger)
    {
        _factory = factory;
        _meters = meters;
        _logger = logger;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
        _listener.Start();
        // Observable instruments are read at scrape time.
        registry.AddBeforeCollectCallback(() =>
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        });
    }

    /// <summary>This host's SyncMonitor meters only: meters from <see cref="IMeterFactory"/> are scoped to it
    /// (another host in the same process, e.g. in tests, has its own); meters made with <c>new Meter</c> have
    /// no scope and are process-wide.</summary>
    public bool Exports(Instrument instrument)
        => instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal)
            && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, _meters));

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!Exports(instrument))
        {
            return;
        }

        var export = new InstrumentExport(instrument, _factory);
        if (export.Supported)
        {
            _exports[instrument] = export;
            listener.EnableMeasurementEvents(instrument, export);
        }
    }

    /// <summary>Publishes a module's declared series at zero (<see cref="IStartupSeries"/>). An instrument this host
    /// does not export (another meter, an unsupported kind) is skipped.</summary>
    public void Declare(StartupSeries series)
    {
        if (!_exports.TryGetValue(series.Instrument, out var export))
        {
            return;
        }

        try
        {
            export.Declare(series.Tags.ToArray());
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            if (export.FirstFailure())
            {
                LogExportFailed(_logger, series.Instrument.Meter.Name, series.Instrument.Name, ex.Message);
            }
        }
    }

    private void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        var export = (InstrumentExport)state!;
        try
        {
            export.Record(Convert.ToDouble(measurement, CultureInfo.InvariantCulture), tags);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // A name clash with another metric (or an invalid label) must not throw into the module's Add/Record call.
            if (export.FirstFailure())
            {
                LogExportFailed(_logger, instrument.Meter.Name, instrument.Name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meter {Meter} instrument {Instrument} cannot be exported to Prometheus: {Reason}")]
    private static partial void LogExportFailed(ILogger logger, string meter, string instrument, string reason);
}
