using System.Collections.Concurrent;
using SyncMonitor.Api.Modules.Metrics.Export;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>The real <see cref="IOperationTimings"/>: per operation, a sliding window of time buckets with a
/// fixed-size latency histogram each (see <see cref="LatencyBuckets"/> for the estimator's error). Recording is
/// lock-free and allocation-free once an operation's current bucket exists; memory is bounded by
/// <see cref="PerformanceOptions.MaxOperations"/> × buckets per window × 3.5 KB. Every call is also observed
/// in the operation's Prometheus series, and a slow call wakes the slow-operation alert loop (never the alert
/// raiser itself).</summary>
internal sealed class PerformanceMonitor : IOperationTimings
{
    /// <summary>Where calls of operation names beyond <see cref="PerformanceOptions.MaxOperations"/> are counted.</summary>
    public const string OverflowOperation = "other";

    private readonly ConcurrentDictionary<string, OperationWindow> _operations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _timestampsPerBucket;
    private readonly int _slotCount;
    private readonly int _maxOperations;
    private readonly long _warningMicros;
    private readonly long _criticalMicros;
    private readonly OperationMetrics? _metrics;
    private readonly SlowOperationSignal? _slowSignal;
    private readonly Func<string, OperationWindow> _createWindow;
    private int _tracked;

    public PerformanceMonitor(TimeProvider time, PerformanceOptions options, OperationMetrics? metrics = null, SlowOperationSignal? slowSignal = null)
    {
        _time = time;
        _timestampsPerBucket = options.BucketSeconds * time.TimestampFrequency;
        _slotCount = options.SlotCount;
        _maxOperations = options.MaxOperations;
        _warningMicros = options.SlowWarningMs * 1000L;
        _criticalMicros = options.SlowCriticalMs * 1000L;
        _metrics = metrics;
        _slowSignal = slowSignal;
        _createWindow = name => new OperationWindow(name, _slotCount, _metrics?.For(name));
    }

    /// <summary>Operations currently tracked (at most <see cref="PerformanceOptions.MaxOperations"/> + 1).</summary>
    public int OperationCount => _operations.Count;

    /// <summary>Time buckets currently allocated over all operations.</summary>
    public int AllocatedSlots => _operations.Sum(pair => pair.Value.AllocatedSlots);

    public void Record(string operation, TimeSpan duration, bool success)
    {
        var micros = Math.Max(0, duration.Ticks / TimeSpan.TicksPerMicrosecond);
        var slowness = micros > _criticalMicros ? Slowness.Critical
            : micros > _warningMicros ? Slowness.Warning
            : Slowness.None;
        var window = WindowFor(operation);
        window.Record(CurrentEpoch(), micros, success, slowness);
        window.Series?.Observe(duration, success, slowness);
        if (slowness != Slowness.None)
        {
            _slowSignal?.Notify();
        }
    }

    /// <summary>Per operation over the window (operations without calls in it are left out).</summary>
    public IReadOnlyList<OperationSummary> Summarize(string? operationPrefix = null)
    {
        var epoch = CurrentEpoch();
        var counts = new long[LatencyBuckets.Count];
        var summaries = new List<OperationSummary>();
        // Enumerating the dictionary itself takes no locks (unlike .Values), so recording never waits on a reader.
        foreach (var (_, window) in _operations)
        {
            if (operationPrefix is not null && !window.Operation.StartsWith(operationPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            Array.Clear(counts);
            var totals = window.Totals(epoch, counts);
            if (totals.Count > 0)
            {
                summaries.Add(OperationSummary.From(window.Operation, totals, counts));
            }
        }

        return summaries;
    }

    /// <summary>Window totals without percentiles: cheap enough for the alert loop to call often.</summary>
    public IEnumerable<(string Operation, WindowTotals Totals)> Totals()
    {
        var epoch = CurrentEpoch();
        foreach (var (_, window) in _operations)
        {
            yield return (window.Operation, window.Totals(epoch, counts: null));
        }
    }

    private long CurrentEpoch() => _time.GetTimestamp() / _timestampsPerBucket;

    private OperationWindow WindowFor(string operation)
    {
        if (_operations.TryGetValue(operation, out var window))
        {
            return window;
        }

        // The cap keeps memory and Prometheus cardinality bounded if a caller puts ids into operation names.
        if (Interlocked.Increment(ref _tracked) > _maxOperations)
        {
            Interlocked.Decrement(ref _tracked);
            return _operations.GetOrAdd(OverflowOperation, _createWindow);
        }

        var created = _createWindow(operation);
        if (_operations.TryAdd(operation, created))
        {
            return created;
        }

        Interlocked.Decrement(ref _tracked);
        return _operations[operation];
    }
}
