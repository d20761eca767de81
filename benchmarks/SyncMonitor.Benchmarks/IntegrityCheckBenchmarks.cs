using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Benchmarks;

/// <summary>The read side of a deep integrity check on the embedded SQLite store at production-like volume: 14 days
/// of nightly runs plus batch runs re-covering the same dates, 5,000 rows per trade date (70,000 rows), one short
/// date. Measures listing the runs, the per-(date, source) summary and building the result — everything a check
/// does except appending its record.</summary>
[MemoryDiagnoser]
public class IntegrityCheckBenchmarks
{
    private const int Days = 14;
    private const int RowsPerDate = 5000;

    private ServiceProvider _services = null!;
    private DailyRunOutputs _outputs = null!;
    private string _directory = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "syncmonitor-bench", Guid.NewGuid().ToString("N"));
        _services = await BenchmarkStores.OpenAsync(_directory, s => s.AddSyncStorage().AddSingleton<DailyRunOutputs>());

        _outputs = _services.GetRequiredService<DailyRunOutputs>();
        _now = DateTimeOffset.UtcNow;
        await SeedAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<IntegrityCheckResult> Deep_check_over_14_days()
    {
        var (runs, truncated) = await _outputs.ListSuccessfulAsync(_now.AddDays(-Days), 5000, CancellationToken.None);
        var stored = await _outputs.ReadStoredAsync(runs, include: null, CancellationToken.None);
        return IntegrityResultBuilder.Build("bench", IntegrityCheckType.Deep, _now, runs, stored, truncated);
    }

    private async Task SeedAsync()
    {
        var leases = _services.GetRequiredService<ISyncLeaseStore>();
        var lease = (await leases.TryAcquireAsync(new LeaseClaim("bench",
            new CurrentTask { TaskId = "bench", TaskType = SyncTaskType.WebBatch, StartTime = _now, Owner = "bench" }),
            TimeSpan.FromHours(1), CancellationToken.None)).Lease!;
        var runs = _services.GetRequiredService<ISyncRunStore>();
        var store = _services.GetRequiredService<IDailyBasicStore>();
        for (var day = 0; day < Days; day++)
        {
            var date = TradeDates.Format(DateOnly.FromDateTime(_now.UtcDateTime).AddDays(-day));
            var rows = Enumerable.Range(0, day == 3 ? RowsPerDate - 10 : RowsPerDate).Select(i => new DailyBasic
            {
                Code = (300000 + i).ToString(CultureInfo.InvariantCulture), TradeDate = date, Source = "demo", Close = 10, UpdatedAt = _now,
            }).ToList();
            await store.UpsertAsync(rows, lease.FencingToken, CancellationToken.None);
            foreach (var (job, id) in new[] { ("nightly", $"nightly-{day}"), ("daily_basic", $"batch-{day}-a"), ("daily_basic", $"batch-{day}-b") })
            {
                await runs.InsertAsync(new SyncStats
                {
                    Job = job, TaskId = id, TaskType = SyncTaskType.WebBatch, DataType = "stock_daily_basic", Status = SyncRunStatus.Success,
                    StartedAt = _now.AddDays(-day).AddMinutes(-30), FinishedAt = _now.AddDays(-day).AddMinutes(-25),
                    RowsByDate = new Dictionary<string, long> { [date] = RowsPerDate }, DataSourcesUsed = ["daily_data:demo"],
                }, CancellationToken.None);
            }
        }
    }
}
