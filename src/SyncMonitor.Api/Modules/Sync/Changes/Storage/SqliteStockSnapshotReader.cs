using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

internal sealed class SqliteStockSnapshotReader(SqliteDatabase database) : IStockSnapshotReader
{
    public async Task<IReadOnlyList<StockBasic>> ReadAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return SqliteSourceRows.Read(connection.Handle!, source, cancellationToken).Stored;
    }
}
