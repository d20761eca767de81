using BenchmarkDotNet.Attributes;
using Prometheus;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Metrics.Export;
using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.Benchmarks;

/// <summary>Cost of <see cref="IOperationTimings.Record"/> per call: the bare window, the window plus its
/// Prometheus series (as the host runs it), and the host setup under contention from several threads on one
/// operation (the worst case: every thread hits the same time slot and histogram).</summary>
[MemoryDiagnoser]
public class OperationTimingsBenchmarks
{
    private const string Operation = "store.stock_basic_info.upsert";
    private const int CallsPerThread = 20_000;

    private static readonly TimeSpan[] Durations = Enumerable.Range(0, 1024)
        .Select(i => TimeSpan.FromMicroseconds(50 + ((i * 7919) % 200_000)))
        .ToArray();

    private IOperationTimings _null = null!;
    private IOperationTimings _windowOnly = null!;
    private IOperationTimings _hostSetup = null!;
    private int _next;

    [Params(4)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _null = new NullOperationTimings();
        _windowOnly = new PerformanceMonitor(TimeProvider.System, new PerformanceOptions());
        var registry = Metrics.NewCustomRegistry();
        _hostSetup = new PerformanceMonitor(TimeProvider.System, new PerformanceOptions(),
            new OperationMetrics(Metrics.WithCustomRegistry(registry)), new SlowOperationSignal());
    }

    [Benchmark(Baseline = true)]
    public void Null() => _null.Record(Operation, NextDuration(), success: true);

    [Benchmark]
    public void Window_only() => _windowOnly.Record(Operation, NextDuration(), success: true);

    [Benchmark]
    public void Window_and_prometheus() => _hostSetup.Record(Operation, NextDuration(), success: true);

    /// <summary>Per-call cost while <see cref="Threads"/> threads record the same operation at once.</summary>
    [Benchmark(OperationsPerInvoke = 4 * CallsPerThread)]
    public void Window_and_prometheus_contended()
        => Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < CallsPerThread; i++)
            {
                _hostSetup.Record(Operation, Durations[(thread * 31 + i) & 1023], success: true);
            }
        });

    private TimeSpan NextDuration() => Durations[_next++ & 1023];
}
