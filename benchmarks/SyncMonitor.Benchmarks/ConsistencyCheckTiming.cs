using System.Diagnostics;

namespace SyncMonitor.Benchmarks;

/// <summary><c>consistency-check [rounds]</c>: the cross-source check of the demo pair (5,000 × 2) as
/// <see cref="ConsistencyCheckBenchmarks.Read_compare_and_store_report_sqlite"/> runs it, timed per phase (read both
/// sources, compare, store the report) with the process's CPU time, after two untimed warm-up checks. Medians of the
/// rounds; the median of the whole check is printed last. Quicker to read on a loaded machine than BenchmarkDotNet's
/// ShortRun, and it shows where the time goes.</summary>
internal static class ConsistencyCheckTiming
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 15;
        var bench = new ConsistencyCheckBenchmarks();
        await bench.SetupAsync();
        try
        {
            var phases = new List<(double Read, double Compare, double Store, double Total, double Cpu)>();
            for (var i = -2; i < rounds; i++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var t = await bench.TimedCheckAsync();
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                if (i >= 0)
                {
                    phases.Add((t.Read, t.Compare, t.Store, t.Read + t.Compare + t.Store, used));
                    Console.WriteLine($"round {i + 1}: read {t.Read:F0} ms, compare {t.Compare:F0} ms, store {t.Store:F0} ms, process CPU {used:F0} ms");
                }
            }

            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            }

            Console.WriteLine($"medians of {rounds}: read {Median(phases.Select(p => p.Read)):F1} ms, compare {Median(phases.Select(p => p.Compare)):F1} ms, "
                + $"store {Median(phases.Select(p => p.Store)):F1} ms, process CPU {Median(phases.Select(p => p.Cpu)):F1} ms");
            Console.WriteLine($"check (read + compare + store), median: {Median(phases.Select(p => p.Total)):F1} ms (target < 200 ms)");
            return 0;
        }
        finally
        {
            await bench.CleanupAsync();
        }
    }
}
