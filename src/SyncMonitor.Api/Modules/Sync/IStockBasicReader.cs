using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync;

/// <summary>What other modules may read of the synced stock basics (the Sync module owns <c>stock_basic_info</c>).</summary>
public interface IStockBasicReader
{
    /// <summary>Every stored row of one source, optionally limited to some codes (6-digit), in code order.</summary>
    Task<IReadOnlyList<StockBasic>> ListBySourceAsync(string source, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken);

    /// <summary>Sources that have at least one stored row.</summary>
    Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken);
}
