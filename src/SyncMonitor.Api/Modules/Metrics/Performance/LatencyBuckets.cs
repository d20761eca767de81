using System.Numerics;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>Log-linear buckets over microseconds, the estimator behind the performance monitor's percentiles.
/// Below 64 µs every microsecond has its own bucket; above, each power of two is split into 32 equal
/// sub-buckets, so a bucket is at most 1/32 as wide as its lower bound. Reporting the bucket midpoint puts an
/// estimate within ±1/64 (≈1.6 %) of the true sample, or ±1 µs below 64 µs. Values from 2^32 µs (≈71.6 min)
/// share the last bucket; the exact maximum is tracked separately.</summary>
internal static class LatencyBuckets
{
    private const int SubBucketBits = 5;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int ExactLimit = SubBucketCount * 2;
    private const int MaxExponent = 32;

    /// <summary>Buckets per histogram: 64 exact + 26 octaves × 32 = 896 (3.5 KB of <see cref="int"/> counts).</summary>
    public const int Count = ExactLimit + ((MaxExponent - SubBucketBits - 1) * SubBucketCount);

    /// <summary>The worst relative error of <see cref="Midpoint"/> against any value in the same bucket.</summary>
    public const double RelativeError = 1.0 / (SubBucketCount * 2);

    public static int IndexOf(long micros)
    {
        if (micros < ExactLimit)
        {
            return (int)Math.Max(micros, 0);
        }

        if (micros >= 1L << MaxExponent)
        {
            return Count - 1;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = exponent - SubBucketBits;
        var sub = (int)(micros >> shift) - SubBucketCount;
        return ExactLimit + ((exponent - SubBucketBits - 1) * SubBucketCount) + sub;
    }

    public static long LowerBound(int index)
    {
        if (index < ExactLimit)
        {
            return index;
        }

        var octave = (index - ExactLimit) / SubBucketCount;
        var sub = (index - ExactLimit) % SubBucketCount;
        return (long)(SubBucketCount + sub) << (octave + 1);
    }

    public static double Midpoint(int index)
        => index < ExactLimit ? index : LowerBound(index) + (Width(index) / 2.0);

    private static long Width(int index)
        => index < ExactLimit ? 1 : 1L << (((index - ExactLimit) / SubBucketCount) + 1);
}
