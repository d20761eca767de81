using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>The stored rows of one source with just the fields a change set compares (code, name, classification,
/// list date, <c>updated_at</c>, the numeric fields; Symbol and FullSymbol are the code): a narrow, fast read taken
/// right before a run writes.</summary>
public interface IStockSnapshotReader
{
    Task<IReadOnlyList<StockBasic>> ReadAsync(string source, CancellationToken cancellationToken);
}
