using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Stocks.Storage;
using SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The real SQLite read store, counting every query (and optionally slowing the list query down so
/// concurrent requests overlap with it).</summary>
internal sealed class CountingStockReadStore(IStockReadStore inner) : IStockReadStore
{
    private int _lists;
    private int _details;
    private int _dailies;

    public TimeSpan ListDelay { get; set; }

    public int ListQueries => Volatile.Read(ref _lists);

    public int DetailQueries => Volatile.Read(ref _details);

    public int DailyQueries => Volatile.Read(ref _dailies);

    public int Total => ListQueries + DetailQueries + DailyQueries;

    public async Task<StockRows> ListAsync(StockListQuery query, IReadOnlyList<string> priority, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        await Task.Delay(ListDelay, cancellationToken);
        return await inner.ListAsync(query, priority, cancellationToken);
    }

    public Task<IReadOnlyList<StockBasic>> GetByCodeAsync(string code, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _details);
        return inner.GetByCodeAsync(code, cancellationToken);
    }

    public Task<IReadOnlyList<DailyBasic>> GetLatestDailyAsync(string code, CancellationToken cancellationToken)
        => inner.GetLatestDailyAsync(code, cancellationToken);

    public Task<IReadOnlyList<DailyBasic>> ListDailyAsync(string code, string startDate, string endDate, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _dailies);
        return inner.ListDailyAsync(code, startDate, endDate, cancellationToken);
    }
}

internal static class CountingStockReadStoreRegistration
{
    /// <summary>Puts the counting decorator in front of the host's SQLite read store.</summary>
    public static SyncMonitorFactory WithCountingStockStore(this SyncMonitorFactory factory)
        => factory.WithServices(services =>
        {
            services.AddSingleton(sp => new CountingStockReadStore(sp.GetRequiredService<SqliteStockReadStore>()));
            services.AddSingleton<IStockReadStore>(sp => sp.GetRequiredService<CountingStockReadStore>());
        });

    public static CountingStockReadStore StockQueries(this SyncMonitorFactory factory)
        => factory.Services.GetRequiredService<CountingStockReadStore>();
}
