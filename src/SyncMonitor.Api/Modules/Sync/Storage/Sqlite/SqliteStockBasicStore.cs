using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

internal sealed class SqliteStockBasicStore(SqliteDatabase database) : IStockBasicStore
{
    private static readonly StockBasicTable Table = new();

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken)
        => SqliteFencedWriter.UpsertAsync(database, Table, rows, fencingToken, cancellationToken);

    public async Task<SourceUpsert> UpsertSourceAsync(
        string source, IReadOnlyList<StockBasic> rows, long fencingToken, Func<IReadOnlyList<StockBasic>, Task<bool>> writeIf, CancellationToken cancellationToken)
    {
        if (rows.FirstOrDefault(r => r.Source != source) is { } other)
        {
            throw new ArgumentException($"Row {other.Code} carries source {other.Source}, not {source}.", nameof(rows));
        }

        var result = await SqliteFencedWriter.UpsertCheckedAsync(database, Table, rows, fencingToken, async db =>
        {
            var (stored, existing) = SqliteSourceRows.Read(db, source, cancellationToken);
            return await writeIf(stored) ? existing : null;
        }, cancellationToken);
        return result is null ? new SourceUpsert(UpsertResult.Empty, Written: false) : new SourceUpsert(result, Written: true);
    }

    public async Task<IReadOnlyList<StockBasic>> ListBySourceAsync(string source, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {StockBasicTable.Columns} FROM stock_basic_info WHERE source = $source " +
            (codes is null ? string.Empty : "AND code IN (SELECT value FROM json_each($codes)) ") + "ORDER BY code;");
        command.With("$source", source);
        if (codes is not null)
        {
            command.With("$codes", System.Text.Json.JsonSerializer.Serialize(codes));
        }

        return await command.ReadAllAsync(MarketDataRows.ReadStockBasic, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT DISTINCT source FROM stock_basic_info ORDER BY source;");
        return await command.ReadAllAsync(r => r.GetString(0), cancellationToken);
    }

    private sealed class StockBasicTable : FencedTable<StockBasic>
    {
        public static readonly string Columns = MarketDataRows.StockBasicColumns();

        private static readonly string[] ColumnNames = MarketDataRows.StockBasicColumnNames;

        public override string Table => "stock_basic_info";

        public override IReadOnlyList<string> KeyColumns { get; } = ["code", "source"];

        public override string UpsertSql { get; } = FencedUpsert("stock_basic_info", ColumnNames, keyCount: 2);

        /// <summary>The columns the table's secondary indexes cover (SyncSqliteSchema, StocksSqliteSchema).</summary>
        public override string? UnindexedUpdateSql { get; } = UnindexedUpdate(
            "stock_basic_info", ColumnNames, keyCount: 2, new HashSet<string>(["market", "industry", "pe", "pb", "total_mv", "circ_mv"]));

        public override IReadOnlyList<string> KeyOf(StockBasic row) => [row.Code, row.Source];

        /// <summary>In <see cref="MarketDataRows.StockBasicColumnNames"/> order.</summary>
        public override void Bind(SqliteRowBinder binder, StockBasic row) => binder
            .Text(row.Code).Text(row.Source).Text(row.Symbol).Text(row.Name).Text(row.Area).Text(row.Industry)
            .Text(row.Market).Text(row.ListDate).Text(row.Sse).Text(row.FullSymbol).Text(row.Category)
            .Text(row.UpdatedAt.ToStoredTime()).Text(row.TradeDate).Real(row.Close).Real(row.Pe).Real(row.PeTtm)
            .Real(row.Pb).Real(row.Ps).Real(row.TurnoverRate).Real(row.VolumeRatio).Real(row.Volume)
            .Real(row.TotalShare).Real(row.FloatShare).Real(row.TotalMv).Real(row.CircMv);
    }
}
