using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Benchmarks.OperationLogs;

namespace SyncMonitor.Benchmarks.Upserts;

/// <summary><c>store-upserts</c>: the SQLite fenced writer before issue 15 (<see cref="LegacyFencedWriter"/>) and as
/// shipped, interleaved round by round (legacy, current, legacy, current…) on fresh files: 5,010 demo stocks inserted
/// then updated (batches of 500), and a daily-basic backfill of <c>--days</c> × 5,010 rows (batches of <c>--batch</c>);
/// only the store calls are timed. Medians, then the current/legacy ratios last.</summary>
internal static class StoreUpsertRace
{
    private const int StockBatch = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var rounds = options.GetInt("rounds", 3);
        var days = options.GetInt("days", 20);
        var batch = options.GetInt("batch", 500);
        var demo = new DemoSource(DemoMarket.Primary, new FixedDemoOptions(), TimeProvider.System);
        var stocks = (await demo.FetchStockListAsync(null, CancellationToken.None)).Select(r => r with { Source = "demo" }).ToList();
        var daily = (await demo.FetchDailyBasicAsync("20261124", CancellationToken.None)).Select(r => r with { Source = "demo" }).ToList();
        var results = new Dictionary<string, List<double>>();
        void Add(string name, double rowsPerSecond)
        {
            (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(rowsPerSecond);
        }

        for (var round = 0; round <= rounds; round++) // round 0 warms up (JIT) and is not counted
        {
            foreach (var legacy in new[] { true, false })
            {
                var label = legacy ? "legacy" : "current";
                await using var target = await Target.CreateAsync();
                Func<IReadOnlyList<StockBasic>, Task<UpsertResult>> upsertStocks = legacy
                    ? rows => LegacyFencedWriter.StocksAsync(target.Database, rows, target.Token)
                    : rows => target.Stocks.UpsertAsync(rows, target.Token, CancellationToken.None);
                Func<IReadOnlyList<DailyBasic>, Task<UpsertResult>> upsertDaily = legacy
                    ? rows => LegacyFencedWriter.DailyAsync(target.Database, rows, target.Token)
                    : rows => target.Daily.UpsertAsync(rows, target.Token, CancellationToken.None);
                var insert = await TimeAsync(stocks, StockBatch, upsertStocks, expectInserted: true);
                var update = await TimeAsync(stocks, StockBatch, upsertStocks, expectInserted: false);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var backfill = await BackfillAsync(daily, round == 0 ? 2 : days, batch, upsertDaily);
                var backfillCpu = (round == 0 ? 2 : days) * daily.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {label,-7}: stock insert {insert,9:N0} rows/s | stock update {update,9:N0} rows/s | daily backfill {backfill,9:N0} rows/s (wall; per CPU-second: {backfillCpu:N0})"));
                if (round == 0)
                {
                    continue;
                }

                if (!legacy)
                {
                    // As a stock-basics run now writes its list: one fenced write (one transaction) that reads the
                    // source's stored rows first (the change set's input, and the inserted/updated split).
                    await using var whole = await Target.CreateAsync();
                    Func<IReadOnlyList<StockBasic>, Task<UpsertResult>> sourceWrite = async rows =>
                        (await whole.Stocks.UpsertSourceAsync("demo", rows, whole.Token, _ => Task.FromResult(true), CancellationToken.None)).Result;
                    var wholeInsert = await TimeAsync(stocks, stocks.Count, sourceWrite, expectInserted: true);
                    var wholeUpdate = await TimeAsync(stocks, stocks.Count, sourceWrite, expectInserted: false);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round} source : stock insert {wholeInsert,9:N0} rows/s | stock update {wholeUpdate,9:N0} rows/s (UpsertSourceAsync, one write)"));
                    if (round > 0)
                    {
                        Add("source insert", wholeInsert);
                        Add("source update", wholeUpdate);
                    }
                }

                Add(label + " backfill/cpu", backfillCpu);
                Add(label + " insert", insert);
                Add(label + " update", update);
                Add(label + " backfill", backfill);
            }
        }

        static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians of {rounds} rounds ({days} days x {daily.Count} rows, batch {batch}):"));
        foreach (var (name, values) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} {Median(values),9:N0} rows/s"));
        }

        foreach (var path in new[] { "insert", "update" })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"source-write/current-batches {path}: {Median(results["source " + path]) / Median(results["current " + path]):F2}x"));
        }

        foreach (var path in new[] { "insert", "update", "backfill", "backfill/cpu" })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"current/legacy {path}: {Median(results["current " + path]) / Median(results["legacy " + path]):F2}x"));
        }

        return 0;
    }

    private static async Task<double> TimeAsync<T>(List<T> rows, int batch, Func<IReadOnlyList<T>, Task<UpsertResult>> upsert, bool expectInserted)
    {
        var clock = Stopwatch.StartNew();
        long written = 0;
        for (var start = 0; start < rows.Count; start += batch)
        {
            var result = await upsert(rows.GetRange(start, Math.Min(batch, rows.Count - start)));
            written += expectInserted ? result.Inserted : result.Updated;
        }

        clock.Stop();
        if (written != rows.Count)
        {
            throw new InvalidOperationException($"expected {rows.Count} rows {(expectInserted ? "inserted" : "updated")}, got {written}");
        }

        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BackfillAsync(List<DailyBasic> template, int days, int batch, Func<IReadOnlyList<DailyBasic>, Task<UpsertResult>> upsert)
    {
        var elapsed = TimeSpan.Zero;
        var date = new DateOnly(2025, 1, 1);
        for (var day = 0; day < days; day++, date = date.AddDays(1))
        {
            var tradeDate = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var rows = template.Select(r => r with { TradeDate = tradeDate }).ToList();
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < rows.Count; start += batch)
            {
                await upsert(rows.GetRange(start, Math.Min(batch, rows.Count - start)));
            }

            elapsed += clock.Elapsed;
        }

        return days * template.Count / elapsed.TotalSeconds;
    }

    /// <summary>A fresh SQLite data directory with the sync schema and a held lease.</summary>
    private sealed class Target : IAsyncDisposable
    {
        private ServiceProvider _services = null!;
        private string _directory = string.Empty;

        public SqliteDatabase Database { get; private set; } = null!;

        public IStockBasicStore Stocks { get; private set; } = null!;

        public IDailyBasicStore Daily { get; private set; } = null!;

        public long Token { get; private set; }

        public static async Task<Target> CreateAsync()
        {
            var target = new Target { _directory = Path.Combine(Path.GetTempPath(), "syncmonitor-bench", Guid.NewGuid().ToString("N")) };
            target._services = await BenchmarkStores.OpenAsync(target._directory, s => s.AddSyncStorage());

            var lease = await target._services.GetRequiredService<ISyncLeaseStore>().TryAcquireAsync(
                new LeaseClaim("bench", new CurrentTask { TaskId = "bench", TaskType = SyncTaskType.StockBasics, StartTime = DateTimeOffset.UtcNow, Owner = "bench" }),
                TimeSpan.FromHours(1), CancellationToken.None);
            target.Token = lease.Lease!.FencingToken;
            target.Database = target._services.GetRequiredService<SqliteDatabase>();
            target.Stocks = target._services.GetRequiredService<IStockBasicStore>();
            target.Daily = target._services.GetRequiredService<IDailyBasicStore>();
            return target;
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class FixedDemoOptions : Microsoft.Extensions.Options.IOptionsMonitor<DemoSourceOptions>
    {
        public DemoSourceOptions CurrentValue { get; } = new();

        public DemoSourceOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<DemoSourceOptions, string?> listener) => null;
    }
}
