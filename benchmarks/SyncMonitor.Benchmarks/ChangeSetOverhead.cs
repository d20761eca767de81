using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Benchmarks;

/// <summary><c>changes-overhead [rounds]</c>: what the change set adds to a warm 5,000-stock run on SQLite. Each round
/// runs A (the run without it: the demo list for the trade date, normalized, 5,000 upserts in fenced batches of 500 —
/// no network, so the store dominates) and B (as a run writes with its change set: one fenced write that reads the
/// source's stored rows by the key lookup it needs anyway, compares, lets the guard decide, writes the rows; then the
/// change set's header and one row per changed code), in alternating
/// order; before each, the store is put back (untimed) to the previous trade date, so each writes a day's changes.
/// Prints per-round times, the medians and — last — B/A.</summary>
internal static class ChangeSetOverhead
{
    private const int BatchSize = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-bench", Guid.NewGuid().ToString("N"));
        var services = await ServicesAsync(directory);
        try
        {
            var token = (await services.GetRequiredService<ISyncLeaseStore>().TryAcquireAsync(
                new LeaseClaim("bench", new CurrentTask { TaskId = "bench", TaskType = SyncTaskType.StockBasics, StartTime = DateTimeOffset.UtcNow, Owner = "bench" }),
                TimeSpan.FromHours(1), CancellationToken.None)).Lease!.FencingToken;
            var store = services.GetRequiredService<IStockBasicStore>();
            var tracker = services.GetRequiredService<ChangeTracker>();
            var dates = new[] { "20261124", "20261125" };
            var days = new[] { await UniverseAsync(dates[0]), await UniverseAsync(dates[1]) };
            var context = new RunContext("warm-up", token, new NoProgress(), CancellationToken.None);
            await UpsertAsync(store, days[0], token);
            await tracker.CommitAsync(context, await tracker.PrepareAsync(context, DemoMarket.Primary, days[0], guarded: true));
            Console.WriteLine($"rows per run: {days[0].Count}; rounds: {rounds} (+1 warm-up)");
            var a = new List<double>();
            var b = new List<double>();
            var cpuA = new List<double>();
            var cpuB = new List<double>();
            var process = System.Diagnostics.Process.GetCurrentProcess();
            double Cpu()
            {
                process.Refresh();
                return process.TotalProcessorTime.TotalMilliseconds;
            }
            for (var round = 0; round <= rounds; round++)
            {
                // Before each timed run the store holds the other trade date (untimed), so both see a day's changes.
                var (yesterday, today) = (days[round % 2], dates[(round + 1) % 2]);
                double spentA = 0, spentB = 0;
                async Task<double> A()
                {
                    await UpsertAsync(store, yesterday, token);
                    var cpu = Cpu();
                    var wall = await RunAAsync(store, today, token);
                    spentA = Cpu() - cpu;
                    return wall;
                }

                async Task<double> B()
                {
                    await UpsertAsync(store, yesterday, token);
                    var cpu = Cpu();
                    var wall = await RunBAsync(store, tracker, today, token, round);
                    spentB = Cpu() - cpu;
                    return wall;
                }

                var timeA = round % 2 == 0 ? await A() : 0;
                var timeB = await B();
                timeA = round % 2 == 0 ? timeA : await A();
                if (round > 0)
                {
                    a.Add(timeA);
                    b.Add(timeB);
                    cpuA.Add(spentA);
                    cpuB.Add(spentB);
                    Console.WriteLine($"round {round,2}: A {timeA,7:F1} ms (cpu {spentA,6:F0})   B {timeB,7:F1} ms (cpu {spentB,6:F0})");
                }
            }

            var (medianA, medianB) = (Median(a), Median(b));
            Console.WriteLine($"process CPU per run, median: A {Median(cpuA):F0} ms, B {Median(cpuB):F0} ms, B/A {Median(cpuB) / Median(cpuA):F3}");
            Console.WriteLine($"median A (run without change set): {medianA:F1} ms; median B (run with change set): {medianB:F1} ms");
            Console.WriteLine($"B/A = {medianB / medianA:F3} (change set adds {(medianB / medianA - 1) * 100:F1} %)");
            return 0;
        }
        finally
        {
            await services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> RunAAsync(IStockBasicStore store, string tradeDate, long token)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = await UniverseAsync(tradeDate);
        var universe = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await UpsertAsync(store, rows, token);
        if (Environment.GetEnvironmentVariable("CHANGES_BENCH_DETAIL") == "1")
        {
            Console.WriteLine($"  A: universe {universe:F1} ms, upserts {Stopwatch.GetElapsedTime(started).TotalMilliseconds - universe:F1} ms");
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> RunBAsync(IStockBasicStore store, ChangeTracker tracker, string tradeDate, long token, int round)
    {
        var started = Stopwatch.GetTimestamp();
        var context = new RunContext($"bench-{round}", token, new NoProgress(), CancellationToken.None);
        var rows = await UniverseAsync(tradeDate);
        ChangePlan? plan = null;
        // As StockBasicsWork: one fenced write reads the source's stored rows, the change set and guard are computed
        // from them, then the rows are written in the same transaction.
        double readAt = 0, plannedAt = 0;
        await store.UpsertSourceAsync(DemoMarket.Primary, rows, token, async stored =>
        {
            readAt = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            plan = await tracker.PlanAsync(context, DemoMarket.Primary, stored, rows, guarded: true);
            plannedAt = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return plan.Verdict is null;
        }, CancellationToken.None);
        var written = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await tracker.CommitAsync(context, plan!);
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (Environment.GetEnvironmentVariable("CHANGES_BENCH_DETAIL") == "1")
        {
            Console.WriteLine($"  universe+open+read {readAt:F1} ms, plan {plannedAt - readAt:F1} ms, upsert {written - plannedAt:F1} ms, commit {total - written:F1} ms, entries {plan!.Set.Entries.Count}, held {plan.Verdict is not null}");
        }

        return total;
    }

    private static async Task UpsertAsync(IStockBasicStore store, IReadOnlyList<StockBasic> rows, long token)
    {
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            await store.UpsertAsync(rows.Skip(start).Take(BatchSize).ToList(), token, CancellationToken.None);
        }
    }

    /// <summary>The demo universe as the run normalizes it on one trade date (demo computes it from the clock).</summary>
    private static async Task<IReadOnlyList<StockBasic>> UniverseAsync(string tradeDate)
    {
        var at = new DateTimeOffset(DateOnly.ParseExact(tradeDate, "yyyyMMdd", CultureInfo.InvariantCulture), new TimeOnly(10, 0), TimeSpan.Zero);
        var demo = new DemoSource(DemoMarket.Primary, new FixedOptions(), new FixedTime(at));
        var rows = await demo.FetchStockListAsync(null, CancellationToken.None);
        return StockBasicNormalizer.Normalize(rows, DemoMarket.Primary, at, out _);
    }

    private static async Task<ServiceProvider> ServicesAsync(string directory)
    {
        return await BenchmarkStores.OpenAsync(directory, s => s.AddSyncStorage().AddSyncChanges());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    private sealed class FixedOptions : Microsoft.Extensions.Options.IOptionsMonitor<DemoSourceOptions>
    {
        public DemoSourceOptions CurrentValue { get; } = new();

        public DemoSourceOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<DemoSourceOptions, string?> listener) => null;
    }

    private sealed class NoProgress : ITaskProgress
    {
        public string TaskId => "bench";

        public Task BeginStepAsync(string step, string? message = null) => Task.CompletedTask;

        public Task BeginStepAsync(string step, SyncMonitor.Api.Common.Localization.LocalizedText message) => Task.CompletedTask;

        public Task ReportAsync(string step, double fraction, string? message = null) => Task.CompletedTask;

        public Task CompleteStepAsync(string step) => Task.CompletedTask;

        public Task MarkCompletedAsync(string? message = null, string? outcome = null, IReadOnlyList<SyncMonitor.Api.Common.Localization.LocalizedText>? messageParts = null) => Task.CompletedTask;

        public Task MarkFailedAsync(string reason, IReadOnlyList<SyncMonitor.Api.Common.Localization.LocalizedText>? reasonParts = null) => Task.CompletedTask;

        public Task MarkCancelledAsync(string? reason = null, IReadOnlyList<SyncMonitor.Api.Common.Localization.LocalizedText>? reasonParts = null) => Task.CompletedTask;
    }
}
