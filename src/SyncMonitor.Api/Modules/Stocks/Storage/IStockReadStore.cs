using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage;

/// <summary>The Stocks module's read model over the Sync module's tables. <c>stock_basic_info</c> and
/// <c>stock_daily_basic</c> are owned (written, migrated) by Sync; this module only reads them, with its own queries
/// and its own extra indexes, so the list's filters, sorts and best-source choice run inside the store instead of
/// being assembled from Sync's narrow reader (<c>IStockBasicReader</c>) in memory.</summary>
internal interface IStockReadStore
{
    /// <summary>One page of the list and how many codes match in all. Without a source filter each code appears once,
    /// as the row of its best source by <paramref name="priority"/> (others after those, by name).</summary>
    Task<StockRows> ListAsync(StockListQuery query, IReadOnlyList<string> priority, CancellationToken cancellationToken);

    /// <summary>Every source's row of one 6-digit code, in source order.</summary>
    Task<IReadOnlyList<StockBasic>> GetByCodeAsync(string code, CancellationToken cancellationToken);

    /// <summary>The rows of the newest trade date stored for the code (one per source), or none.</summary>
    Task<IReadOnlyList<DailyBasic>> GetLatestDailyAsync(string code, CancellationToken cancellationToken);

    /// <summary>Rows of one code between two trade dates (YYYYMMDD, inclusive), by trade date then source.</summary>
    Task<IReadOnlyList<DailyBasic>> ListDailyAsync(string code, string startDate, string endDate, CancellationToken cancellationToken);
}

internal sealed record StockRows(IReadOnlyList<StockBasic> Items, long Total);
