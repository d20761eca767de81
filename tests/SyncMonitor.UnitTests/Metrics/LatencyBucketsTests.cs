using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.UnitTests.Metrics;

public sealed class LatencyBucketsTests
{
    [Fact]
    public void Every_value_falls_in_a_bucket_whose_midpoint_is_within_the_documented_error()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 200).Select(v => (long)v)
            .Concat(Enumerable.Range(0, 20_000).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(1L << 32))));
        foreach (var micros in values)
        {
            var index = LatencyBuckets.IndexOf(micros);
            LatencyBuckets.LowerBound(index).Should().BeLessThanOrEqualTo(micros);
            if (index + 1 < LatencyBuckets.Count)
            {
                LatencyBuckets.LowerBound(index + 1).Should().BeGreaterThan(micros);
            }

            Math.Abs(LatencyBuckets.Midpoint(index) - micros).Should()
                .BeLessThanOrEqualTo(Math.Max(1, micros * LatencyBuckets.RelativeError), $"for {micros} µs");
        }
    }

    [Fact]
    public void Bucket_indexes_rise_with_the_value_and_stay_in_range()
    {
        var previous = -1;
        for (long micros = 0; micros < 1L << 33; micros = (micros * 21 / 20) + 1)
        {
            var index = LatencyBuckets.IndexOf(micros);
            index.Should().BeGreaterThanOrEqualTo(previous).And.BeLessThan(LatencyBuckets.Count);
            previous = index;
        }

        LatencyBuckets.IndexOf(-5).Should().Be(0);
        LatencyBuckets.IndexOf(long.MaxValue).Should().Be(LatencyBuckets.Count - 1);
    }
}
