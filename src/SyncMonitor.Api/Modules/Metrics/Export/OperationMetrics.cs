using Prometheus;
using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>The performance monitor's Prometheus series. The <c>operation</c> label is bounded by the monitor's
/// operation cap; operation names are low-cardinality by contract (<see cref="IOperationTimings"/>).</summary>
internal sealed class OperationMetrics(IMetricFactory factory)
{
    public const string StorePrefix = "store.";

    private readonly Histogram _duration = factory.CreateHistogram(
        "syncmonitor_operation_duration_seconds",
        "Duration of named operations (source calls, bulk writes, checks, HTTP endpoints as 'http.{METHOD} {route}').",
        ["operation"],
        new HistogramConfiguration { Buckets = DurationBuckets.Seconds });

    private readonly Histogram _storeLatency = factory.CreateHistogram(
        "syncmonitor_store_latency_seconds",
        "Latency of store operations (operations named 'store.*').",
        ["operation"],
        new HistogramConfiguration { Buckets = DurationBuckets.Seconds });

    private readonly Counter _errors = factory.CreateCounter(
        "syncmonitor_operation_errors_total", "Failed calls of named operations.", ["operation"]);

    private readonly Counter _slow = factory.CreateCounter(
        "syncmonitor_operation_slow_total",
        "Slow calls of named operations: level=warning over Performance:SlowWarningMs up to SlowCriticalMs, level=critical over SlowCriticalMs.",
        ["operation", "level"]);

    public OperationSeries For(string operation) => new(
        _duration.WithLabels(operation),
        operation.StartsWith(StorePrefix, StringComparison.Ordinal) ? _storeLatency.WithLabels(operation) : null,
        _errors.WithLabels(operation),
        _slow.WithLabels(operation, "warning"),
        _slow.WithLabels(operation, "critical"));
}

/// <summary>One operation's children, resolved once so that recording a call needs no label lookup.</summary>
internal sealed class OperationSeries(
    Histogram.Child duration,
    Histogram.Child? storeLatency,
    Counter.Child errors,
    Counter.Child slowWarning,
    Counter.Child slowCritical)
{
    public void Observe(TimeSpan elapsed, bool success, Slowness slowness)
    {
        var seconds = elapsed.TotalSeconds;
        duration.Observe(seconds);
        storeLatency?.Observe(seconds);
        if (!success)
        {
            errors.Inc();
        }

        if (slowness == Slowness.Warning)
        {
            slowWarning.Inc();
        }
        else if (slowness == Slowness.Critical)
        {
            slowCritical.Inc();
        }
    }
}
