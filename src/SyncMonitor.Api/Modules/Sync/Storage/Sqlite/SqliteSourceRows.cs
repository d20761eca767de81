using SQLitePCL;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>What a source has stored, read inside its fenced write by one walk of the source's rows: their compared
/// fields, and the keys that tell the write's inserts from its updates. A list replaces its source's rows, so the
/// walk reads exactly what a change set needs (the listed codes' old values and the codes the list leaves out) and
/// serves instead of the keyed lookup a batch makes (one pass over the rows instead of two).</summary>
internal static class SqliteSourceRows
{
    private const string Sql = $"SELECT {SqliteStockSnapshotRows.Columns} FROM stock_basic_info AS t WHERE t.source = ?1;";

    public static (List<StockBasic> Stored, HashSet<string> ExistingKeys) Read(sqlite3 db, string source, CancellationToken cancellationToken)
    {
        var stored = new List<StockBasic>();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using var statement = SqliteRowBinder.Prepare(db, Sql);
        new SqliteRowBinder(statement).Text(source);
        new SqliteStockSnapshotRows(source).ReadAll(statement, row =>
        {
            stored.Add(row);
            existing.Add(row.Code + "|" + source);
        }, cancellationToken);
        return (stored, existing);
    }
}
