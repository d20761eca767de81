using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Benchmarks;

/// <summary>The store part of a full stock-basics sync: the 5,000 demo rows upserted into <c>stock_basic_info</c> on
/// a real SQLite file in batches of 500 (as the BulkWriter does), each batch one fenced transaction.
/// <c>Insert</c> starts from an empty table, <c>Update</c> rewrites every row.</summary>
[MemoryDiagnoser]
public class StockBasicUpsertBenchmarks
{
    private const int BatchSize = 500;
    private ServiceProvider _services = null!;
    private IStockBasicStore _store = null!;
    private IReadOnlyList<StockBasic> _rows = [];
    private long _token;
    private string _directory = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "syncmonitor-bench", Guid.NewGuid().ToString("N"));
        _services = await BenchmarkStores.OpenAsync(_directory, s => s.AddSyncStorage());

        var lease = await _services.GetRequiredService<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("bench", new CurrentTask { TaskId = "bench", TaskType = SyncTaskType.StockBasics, StartTime = DateTimeOffset.UtcNow, Owner = "bench" }),
            TimeSpan.FromHours(1), CancellationToken.None);
        _token = lease.Lease!.FencingToken;
        _store = _services.GetRequiredService<IStockBasicStore>();
        var demo = new DemoSource(DemoMarket.Primary, new FixedOptions(), TimeProvider.System);
        _rows = (await demo.FetchStockListAsync(null, CancellationToken.None)).Select(r => r with { Source = "demo" }).ToList();
    }

    [IterationSetup(Target = nameof(Insert))]
    public void EmptyTable() => Execute("DELETE FROM stock_basic_info;");

    [Benchmark]
    public async Task<long> Insert() => await UpsertAllAsync();

    [Benchmark]
    public async Task<long> Update() => await UpsertAllAsync();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<long> UpsertAllAsync()
    {
        long written = 0;
        for (var start = 0; start < _rows.Count; start += BatchSize)
        {
            var result = await _store.UpsertAsync(_rows.Skip(start).Take(BatchSize).ToList(), _token, CancellationToken.None);
            written += result.Inserted + result.Updated;
        }

        return written;
    }

    private void Execute(string sql)
    {
        var database = _services.GetRequiredService<SyncMonitor.Api.Common.Storage.Sqlite.SqliteDatabase>();
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class FixedOptions : Microsoft.Extensions.Options.IOptionsMonitor<DemoSourceOptions>
    {
        public DemoSourceOptions CurrentValue { get; } = new();

        public DemoSourceOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<DemoSourceOptions, string?> listener) => null;
    }
}
