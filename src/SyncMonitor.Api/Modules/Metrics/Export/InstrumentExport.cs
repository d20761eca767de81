using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>One SyncMonitor instrument's Prometheus form. Counters stay counters (name + <c>_total</c>),
/// histograms keep the buckets the instrument advises, everything else is a gauge. Tags become labels,
/// sorted by name; each distinct tag set is one series, kept for the life of the process (no expiry: module
/// instruments are low-cardinality by contract, and an expiring counter would restart from zero).</summary>
internal sealed class InstrumentExport
{
    private static readonly double[] DefaultCountBuckets = Histogram.ExponentialBuckets(1, 2, 20);

    private readonly IMetricFactory _factory;
    private readonly Kind _kind;
    private readonly string _help;
    private readonly double[]? _buckets;
    private int _failed;

    public InstrumentExport(Instrument instrument, IMetricFactory factory)
    {
        _factory = factory;
        _kind = KindOf(instrument);
        Name = _kind is Kind.Counter or Kind.ObservableCounter ? PrometheusNames.Counter(instrument.Name) : PrometheusNames.Sanitize(instrument.Name);
        _help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        _buckets = _kind == Kind.Histogram ? BucketsOf(instrument, Name) : null;
    }

    public string Name { get; }

    public bool Supported => _kind != Kind.Unsupported;

    /// <summary>True the first time only: an export failure is worth one warning, not one per measurement.</summary>
    public bool FirstFailure() => Interlocked.Exchange(ref _failed, 1) == 0;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var (names, values) = Labels(tags);
        switch (_kind)
        {
            case Kind.Counter when value >= 0:
                _factory.CreateCounter(Name, _help, names).WithLabels(values).Inc(value);
                break;
            case Kind.ObservableCounter:
                _factory.CreateCounter(Name, _help, names).WithLabels(values).IncTo(value);
                break;
            case Kind.UpDownCounter:
                _factory.CreateGauge(Name, _help, names).WithLabels(values).Inc(value);
                break;
            case Kind.Gauge:
                _factory.CreateGauge(Name, _help, names).WithLabels(values).Set(value);
                break;
            case Kind.Histogram:
                _factory.CreateHistogram(Name, _help, names, new HistogramConfiguration { Buckets = _buckets }).WithLabels(values).Observe(value);
                break;
            default:
                break;
        }
    }

    /// <summary>Publishes the series of <paramref name="tags"/> at zero without a measurement (see
    /// <see cref="IStartupSeries"/>); gauges are left alone, a zero there would claim something.</summary>
    public void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var (names, values) = Labels(tags);
        _ = _kind switch
        {
            Kind.Counter or Kind.ObservableCounter => _factory.CreateCounter(Name, _help, names).WithLabels(values),
            Kind.Histogram => _factory.CreateHistogram(Name, _help, names, new HistogramConfiguration { Buckets = _buckets }).WithLabels(values),
            _ => (object?)null,
        };
    }

    /// <summary>Tags as label names and values, sorted by name (one series per tag set, whatever the order).</summary>
    private static (string[] Names, string[] Values) Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var names = new string[sorted.Length];
        var values = new string[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            names[i] = PrometheusNames.Sanitize(sorted[i].Key);
            values[i] = Convert.ToString(sorted[i].Value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return (names, values);
    }

    private static Kind KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return Kind.Unsupported;
        }

        var definition = instrument.GetType().GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? Kind.Counter
            : definition == typeof(ObservableCounter<>) ? Kind.ObservableCounter
            : definition == typeof(UpDownCounter<>) ? Kind.UpDownCounter
            : definition == typeof(Histogram<>) ? Kind.Histogram
            : definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) ? Kind.Gauge
            : Kind.Unsupported;
    }

    /// <summary>The instrument's advised bucket boundaries; else seconds buckets for a <c>*_seconds</c> name,
    /// else powers of two from 1 (counts such as rows per batch).</summary>
    private static double[] BucketsOf(Instrument instrument, string name)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        if (advised?.ToArray() is { Length: > 0 } bounds)
        {
            return bounds;
        }

        return name.EndsWith("_seconds", StringComparison.Ordinal) ? DurationBuckets.Seconds : DefaultCountBuckets;
    }

    private enum Kind
    {
        Unsupported,
        Counter,
        ObservableCounter,
        UpDownCounter,
        Gauge,
        Histogram,
    }
}
