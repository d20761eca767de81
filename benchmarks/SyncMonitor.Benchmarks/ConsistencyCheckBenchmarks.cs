using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Benchmarks;

/// <summary>A full cross-source check of the demo pair (5,000 × 2 stocks): the comparison alone, with the two reads
/// from a real SQLite file, and with the report (5,000 per-stock entries) stored as the endpoint does.</summary>
[MemoryDiagnoser]
public class ConsistencyCheckBenchmarks
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-bench", Guid.NewGuid().ToString("N"));
    private IReadOnlyList<StockBasic> _primary = null!;
    private IReadOnlyList<StockBasic> _secondary = null!;
    private ServiceProvider _services = null!;
    private IStockBasicReader _reader = null!;
    private IConsistencyReportStore _reports = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _primary = await DemoPairRows.ForAsync(DemoMarket.Primary);
        _secondary = await DemoPairRows.ForAsync(DemoMarket.Alternate);
        _services = await BenchmarkStores.OpenAsync(_dataDirectory, s => s.AddSyncStorage().AddConsistencyReportStorage());

        var leases = _services.GetRequiredService<ISyncLeaseStore>();
        var now = DateTimeOffset.UtcNow;
        var lease = (await leases.TryAcquireAsync(new LeaseClaim("bench", new CurrentTask
        {
            TaskId = "bench", TaskType = SyncTaskType.StockBasics, StartTime = now, Owner = "bench",
        }), TimeSpan.FromMinutes(10), CancellationToken.None)).Lease!;
        var store = _services.GetRequiredService<IStockBasicStore>();
        await store.UpsertAsync(_primary, lease.FencingToken, CancellationToken.None);
        await store.UpsertAsync(_secondary, lease.FencingToken, CancellationToken.None);
        await leases.ReleaseAsync(lease, CancellationToken.None);
        _reader = store;
        _reports = _services.GetRequiredService<IConsistencyReportStore>();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public ConsistencySummary Compare_in_memory() => ConsistencyChecker.Compare(_primary, _secondary).Summary;

    [Benchmark]
    public async Task<ConsistencySummary> Read_from_sqlite_and_compare()
        => (await ReadAndCompareAsync()).Summary;

    [Benchmark]
    public async Task<string> Read_compare_and_store_report_sqlite()
    {
        var comparison = await ReadAndCompareAsync();
        var report = new ConsistencyReport(ConsistencyReportIds.New(), DemoMarket.Primary, DemoMarket.Alternate, DateTimeOffset.UtcNow,
            "bench", null, true, comparison.Summary, comparison.OnlyInPrimary, comparison.OnlyInSecondary, []);
        await _reports.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        return report.Id;
    }

    /// <summary>The same check as <see cref="Read_compare_and_store_report_sqlite"/>, timed per phase (ms).</summary>
    internal async Task<(double Read, double Compare, double Store)> TimedCheckAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var primary = await _reader.ListBySourceAsync(DemoMarket.Primary, null, CancellationToken.None);
        var secondary = await _reader.ListBySourceAsync(DemoMarket.Alternate, null, CancellationToken.None);
        var read = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var comparison = ConsistencyChecker.Compare(primary, secondary);
        var compared = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var report = new ConsistencyReport(ConsistencyReportIds.New(), DemoMarket.Primary, DemoMarket.Alternate, DateTimeOffset.UtcNow,
            "bench", null, true, comparison.Summary, comparison.OnlyInPrimary, comparison.OnlyInSecondary, []);
        await _reports.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        var stored = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return (read.TotalMilliseconds, (compared - read).TotalMilliseconds, (stored - compared).TotalMilliseconds);
    }

    private async Task<ConsistencyComparison> ReadAndCompareAsync()
    {
        var primary = await _reader.ListBySourceAsync(DemoMarket.Primary, null, CancellationToken.None);
        var secondary = await _reader.ListBySourceAsync(DemoMarket.Alternate, null, CancellationToken.None);
        return ConsistencyChecker.Compare(primary, secondary);
    }
}
