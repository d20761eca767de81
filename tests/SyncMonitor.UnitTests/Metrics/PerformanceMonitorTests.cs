using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.UnitTests.Metrics;

public sealed class PerformanceMonitorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly PerformanceOptions _options = new();

    private PerformanceMonitor Monitor() => new(_time, _options);

    [Fact]
    public void Percentiles_of_a_uniform_distribution_are_within_the_documented_error()
    {
        var monitor = Monitor();
        var durations = Enumerable.Range(1, 10_000).Select(ms => (double)ms).ToArray();
        new Random(1).Shuffle(durations);
        foreach (var ms in durations)
        {
            monitor.Record("source.uniform", TimeSpan.FromMilliseconds(ms), success: true);
        }

        var summary = monitor.Summarize().Single();

        summary.Count.Should().Be(10_000);
        summary.AvgMs.Should().Be(5000.5);
        summary.MaxMs.Should().Be(10_000);
        summary.P50Ms.Should().BeApproximately(5000, 5000 * LatencyBuckets.RelativeError);
        summary.P95Ms.Should().BeApproximately(9500, 9500 * LatencyBuckets.RelativeError);
        summary.P99Ms.Should().BeApproximately(9900, 9900 * LatencyBuckets.RelativeError);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Percentiles_of_a_long_tailed_distribution_match_the_exact_nearest_rank_within_the_error(int seed)
    {
        var monitor = Monitor();
        var random = new Random(seed);
        // Log-normal around 20 ms with a heavy tail, in whole microseconds like the monitor keeps them.
        var micros = Enumerable.Range(0, 50_000)
            .Select(_ => (long)Math.Exp(Math.Log(20_000) + (1.5 * Gaussian(random))))
            .ToArray();
        foreach (var value in micros)
        {
            monitor.Record("store.lognormal", TimeSpan.FromTicks(value * 10), success: true);
        }

        Array.Sort(micros);
        var summary = monitor.Summarize().Single();

        foreach (var (quantile, estimateMs) in new[] { (0.50, summary.P50Ms), (0.95, summary.P95Ms), (0.99, summary.P99Ms) })
        {
            var exactMs = micros[(int)Math.Ceiling(quantile * micros.Length) - 1] / 1000.0;
            estimateMs.Should().BeApproximately(exactMs, (exactMs * LatencyBuckets.RelativeError) + 0.001, $"p{quantile * 100}");
        }

        summary.MaxMs.Should().Be(micros[^1] / 1000.0);
        summary.AvgMs.Should().BeApproximately(micros.Average() / 1000.0, 0.001);
    }

    [Fact]
    public void Calls_leave_the_window_as_it_slides()
    {
        var monitor = Monitor();
        monitor.Record("check.quick", TimeSpan.FromMilliseconds(100), success: true);
        _time.Advance(TimeSpan.FromMinutes(10));
        monitor.Record("check.quick", TimeSpan.FromMilliseconds(300), success: false);

        monitor.Summarize().Single().Count.Should().Be(2);

        _time.Advance(TimeSpan.FromMinutes(6));
        var summary = monitor.Summarize().Single();
        summary.Count.Should().Be(1);
        summary.MaxMs.Should().Be(300);
        summary.Errors.Should().Be(1);

        _time.Advance(TimeSpan.FromMinutes(10));
        monitor.Summarize().Should().BeEmpty();
    }

    [Fact]
    public void Time_buckets_stay_bounded_however_long_and_often_an_operation_is_called()
    {
        var monitor = Monitor();
        for (var i = 0; i < 20_000; i++)
        {
            monitor.Record("store.sync_status.insert", TimeSpan.FromMilliseconds(i % 50), success: true);
            _time.Advance(TimeSpan.FromSeconds(7)); // ~39 hours in all
        }

        monitor.AllocatedSlots.Should().BeLessThanOrEqualTo(_options.SlotCount).And.BeGreaterThan(0);
        monitor.Summarize().Single().Count.Should().BeInRange((14 * 60 / 7) - 1, (15 * 60 / 7) + 1);
    }

    [Fact]
    public void Operation_names_beyond_the_cap_are_counted_as_other()
    {
        _options.MaxOperations = 50;
        var monitor = Monitor();
        for (var i = 0; i < 1000; i++)
        {
            monitor.Record($"source.call.{i}", TimeSpan.FromMilliseconds(1), success: true);
        }

        monitor.OperationCount.Should().Be(51);
        monitor.Summarize(PerformanceMonitor.OverflowOperation).Single().Count.Should().Be(950);
        monitor.Summarize("source.call.").Should().HaveCount(50);
    }

    [Fact]
    public void Slow_calls_are_counted_by_threshold_and_errors_apart()
    {
        var monitor = Monitor();
        foreach (var (ms, ok) in new[] { (1000, true), (2000, true), (2001, true), (4999, false), (5000, true), (5001, true), (9000, false) })
        {
            monitor.Record("source.tushare.daily_basic", TimeSpan.FromMilliseconds(ms), ok);
        }

        var summary = monitor.Summarize().Single();

        summary.SlowWarning.Should().Be(3, "2001, 4999 and 5000 ms are over 2 s but not over 5 s");
        summary.SlowCritical.Should().Be(2, "5001 and 9000 ms are over 5 s");
        summary.Errors.Should().Be(2);
        summary.MaxMs.Should().Be(9000);
    }

    [Fact]
    public void Concurrent_recording_loses_no_call()
    {
        var monitor = Monitor();
        const int Threads = 8;
        const int CallsPerThread = 50_000;
        string[] operations = ["http.GET /api/stocks", "store.stock_basic_info.upsert", "source.demo.stock_list"];
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < CallsPerThread; i++)
            {
                monitor.Record(operations[i % operations.Length], TimeSpan.FromTicks(10 * (1 + (i % 1000))), success: i % 10 != 0);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var summaries = monitor.Summarize().ToDictionary(s => s.Operation);
        summaries.Keys.Should().BeEquivalentTo(operations);
        for (var k = 0; k < operations.Length; k++)
        {
            var expected = Threads * Enumerable.Range(0, CallsPerThread).Count(i => i % operations.Length == k);
            summaries[operations[k]].Count.Should().Be(expected, operations[k]);
        }

        summaries.Values.Sum(s => s.Count).Should().Be(Threads * CallsPerThread);
        summaries.Values.Sum(s => s.Errors).Should().Be(Threads * CallsPerThread / 10);
        summaries.Values.Max(s => s.MaxMs).Should().Be(1.0);
    }

    [Fact]
    public void An_empty_monitor_reports_nothing()
        => Monitor().Summarize().Should().BeEmpty();

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
