using System.Diagnostics;
using SyncMonitor.Api.Modules.Metrics.Tracing;

namespace SyncMonitor.Api.Modules.Metrics;

/// <summary>Records how long a named operation took (a source call, a bulk write, a check). The Metrics module
/// keeps per-operation percentiles and slow counts; callers only report. Names are dotted and low-cardinality,
/// e.g. <c>source.tushare.daily_basic</c>, <c>store.stock_basic_info.upsert</c> — never ids or dates.</summary>
public interface IOperationTimings
{
    void Record(string operation, TimeSpan duration, bool success);
}

public static class OperationTimingsExtensions
{
    /// <summary>Times <paramref name="work"/> under <paramref name="operation"/>, as a span of that name when tracing
    /// is on (e.g. each store batch of a run); a throw counts as a failure.</summary>
    public static async Task<T> TimeAsync<T>(this IOperationTimings timings, string operation, Func<Task<T>> work)
    {
        using var span = SyncMonitorTracing.Start(operation);
        var started = Stopwatch.GetTimestamp();
        var success = false;
        try
        {
            var result = await work();
            success = true;
            return result;
        }
        catch (Exception ex)
        {
            SyncMonitorTracing.Failed(span, ex.GetType().Name);
            throw;
        }
        finally
        {
            timings.Record(operation, Stopwatch.GetElapsedTime(started), success);
        }
    }

    public static async Task TimeAsync(this IOperationTimings timings, string operation, Func<Task> work)
        => await timings.TimeAsync(operation, async () =>
        {
            await work();
            return true;
        });
}

/// <summary>Discards timings: for unit tests and benchmarks of code that reports timings (the host registers
/// the performance monitor).</summary>
internal sealed class NullOperationTimings : IOperationTimings
{
    public void Record(string operation, TimeSpan duration, bool success)
    {
    }
}
