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
/// no network, so the store dominates) and B (the same plus the change set: read the source's stored rows, compare,
/// write the header and one row per changed code), in alternating
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
            for (var round = 0; round <= rounds; round++)
            {
                // Before each timed run the store holds the other trade date (untimed), so both see a day's changes.
                var (yesterday, today) = (days[round % 2], dates[(round + 1) % 2]);
                async Task<double> A()
                {
                    await UpsertAsync(store, yesterday, token);
                    return await RunAAsync(store, today, token);
                }

                async Task<double> B()
                {
                    await UpsertAsync(store, yesterday, token);
                    return await RunBAsync(store, tracker, today, token, round);
                }

                var timeA = round % 2 == 0 ? await A() : 0;
                var timeB = await B();
                timeA = round % 2 == 0 ? timeA : await A();
                if (round > 0)
                {
                    a.Add(timeA);
                    b.Add(timeB);
                    Console.WriteLine($"round {round,2}: A {timeA,7:F1} ms   B {timeB,7:F1} ms");
                }
            }

            var (medianA, medianB) = (Median(a), Median(b));
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
        await UpsertAsync(store, rows, token);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> RunBAsync(IStockBasicStore store, ChangeTracker tracker, string tradeDate, long token, int round)
    {
        var started = Stopwatch.GetTimestamp();
        var context = new RunContext($"bench-{round}", token, new NoProgress(), CancellationToken.None);
        var snapshot = tracker.Prefetch(context, DemoMarket.Primary); // as StockBasicsWork: read while the source answers
        var rows = await UniverseAsync(tradeDate);
        var plan = await tracker.PrepareAsync(context, DemoMarket.Primary, rows, guarded: true, snapshot);
        var prepared = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await UpsertAsync(store, rows, token);
        var written = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await tracker.CommitAsync(context, plan);
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (Environment.GetEnvironmentVariable("CHANGES_BENCH_DETAIL") == "1")
        {
            Console.WriteLine($"  fetch+prepare {prepared:F1} ms, upsert {written - prepared:F1} ms, commit {total - written:F1} ms, entries {plan.Set.Entries.Count}");
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

        public Task ReportAsync(string step, double fraction, string? message = null) => Task.CompletedTask;

        public Task CompleteStepAsync(string step) => Task.CompletedTask;

        public Task MarkCompletedAsync(string? message = null, string? outcome = null) => Task.CompletedTask;

        public Task MarkFailedAsync(string reason) => Task.CompletedTask;

        public Task MarkCancelledAsync(string? reason = null) => Task.CompletedTask;
    }
}
