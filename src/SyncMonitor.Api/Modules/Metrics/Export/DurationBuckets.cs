namespace SyncMonitor.Api.Modules.Metrics.Export;

internal static class DurationBuckets
{
    /// <summary>Upper bounds in seconds for every duration histogram the module exports: 1 ms to 5 min, with
    /// bounds at the default slow thresholds (2 s, 5 s) so slow calls can be counted from the buckets alone.</summary>
    public static readonly double[] Seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
}
