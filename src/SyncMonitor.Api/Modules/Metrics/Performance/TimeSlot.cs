namespace SyncMonitor.Api.Modules.Metrics.Performance;

internal enum Slowness
{
    None,
    Warning,
    Critical,
}

/// <summary>One operation's calls during one time bucket. Recording is lock-free: one atomic increment of a
/// histogram count and one atomic add of the sum per call; errors, slow calls and a new maximum cost one more.
/// The call count is the histogram's total, so it needs no counter of its own.</summary>
internal sealed class TimeSlot(long epoch)
{
    private readonly int[] _counts = new int[LatencyBuckets.Count];
    private long _sumMicros;
    private long _maxMicros;
    private long _errors;
    private long _slowWarning;
    private long _slowCritical;

    /// <summary>Which bucket of time (timestamp ÷ bucket length) this slot holds.</summary>
    public long Epoch { get; } = epoch;

    public void Record(long micros, bool success, Slowness slowness)
    {
        Interlocked.Increment(ref _counts[LatencyBuckets.IndexOf(micros)]);
        Interlocked.Add(ref _sumMicros, micros);
        var max = Volatile.Read(ref _maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }

        if (!success)
        {
            Interlocked.Increment(ref _errors);
        }

        if (slowness == Slowness.Warning)
        {
            Interlocked.Increment(ref _slowWarning);
        }
        else if (slowness == Slowness.Critical)
        {
            Interlocked.Increment(ref _slowCritical);
        }
    }

    /// <summary>Adds this slot's totals (and, when <paramref name="counts"/> is given, its histogram) to a window
    /// total. Reads race benignly with writers: a call recorded meanwhile may or may not be included.</summary>
    public void AddTo(ref WindowTotals totals, long[]? counts)
    {
        totals.SumMicros += Volatile.Read(ref _sumMicros);
        totals.MaxMicros = Math.Max(totals.MaxMicros, Volatile.Read(ref _maxMicros));
        totals.Errors += Volatile.Read(ref _errors);
        totals.SlowWarning += Volatile.Read(ref _slowWarning);
        totals.SlowCritical += Volatile.Read(ref _slowCritical);
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Volatile.Read(ref _counts[i]);
            totals.Count += count;
            if (counts is not null)
            {
                counts[i] += count;
            }
        }
    }
}

/// <summary>An operation's totals over the window.</summary>
internal struct WindowTotals
{
    public long Count;
    public long SumMicros;
    public long MaxMicros;
    public long Errors;
    public long SlowWarning;
    public long SlowCritical;
}
