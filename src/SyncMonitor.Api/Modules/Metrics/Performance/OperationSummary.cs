namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>One operation over the window. Percentiles are nearest-rank estimates within ±1.6 % (±1 µs below
/// 64 µs) of the true sample and never above <see cref="MaxMs"/>; count, errors, average, maximum and slow
/// counts are exact. <see cref="SlowWarning"/> counts calls over the warning threshold up to the critical one,
/// <see cref="SlowCritical"/> calls over the critical threshold.</summary>
public sealed record OperationSummary(
    string Operation,
    long Count,
    long Errors,
    double AvgMs,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long SlowWarning,
    long SlowCritical)
{
    internal static OperationSummary From(string operation, WindowTotals totals, long[] counts)
    {
        double Percentile(double quantile)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(quantile * totals.Count));
            long seen = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                seen += counts[i];
                if (seen >= rank)
                {
                    return Ms(Math.Min(LatencyBuckets.Midpoint(i), totals.MaxMicros));
                }
            }

            return Ms(totals.MaxMicros);
        }

        return new OperationSummary(
            operation,
            totals.Count,
            totals.Errors,
            Ms((double)totals.SumMicros / totals.Count),
            Percentile(0.50),
            Percentile(0.95),
            Percentile(0.99),
            Ms(totals.MaxMicros),
            totals.SlowWarning,
            totals.SlowCritical);
    }

    private static double Ms(double micros) => Math.Round(micros / 1000.0, 3);
}
