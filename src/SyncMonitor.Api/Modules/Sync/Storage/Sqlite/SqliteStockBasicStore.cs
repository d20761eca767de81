using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

internal sealed class SqliteStockBasicStore(SqliteDatabase database) : IStockBasicStore
{
    private static readonly StockBasicTable Table = new();

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken)
        => SqliteFencedWriter.UpsertAsync(database, Table, rows, fencingToken, cancellationToken);

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

        public override string UpsertSql { get; } =
            $"INSERT INTO stock_basic_info ({Columns}, fencing_token) VALUES ({string.Join(", ", ColumnNames.Select(c => "$" + c))}, $fencing_token) " +
            "ON CONFLICT (code, source) DO UPDATE SET " +
            string.Join(", ", ColumnNames.Skip(2).Append("fencing_token").Select(c => $"{c} = excluded.{c}")) +
            " WHERE excluded.fencing_token >= stock_basic_info.fencing_token;";

        public override IReadOnlyList<string> KeyOf(StockBasic row) => [row.Code, row.Source];

        public override void Bind(SqliteCommand command, StockBasic row)
        {
            command.Set("$code", row.Code);
            command.Set("$source", row.Source);
            command.Set("$symbol", row.Symbol);
            command.Set("$name", row.Name);
            command.Set("$area", row.Area);
            command.Set("$industry", row.Industry);
            command.Set("$market", row.Market);
            command.Set("$list_date", row.ListDate);
            command.Set("$sse", row.Sse);
            command.Set("$full_symbol", row.FullSymbol);
            command.Set("$category", row.Category);
            command.Set("$updated_at", row.UpdatedAt.ToStoredTime());
            command.Set("$trade_date", row.TradeDate);
            command.Set("$close", row.Close);
            command.Set("$pe", row.Pe);
            command.Set("$pe_ttm", row.PeTtm);
            command.Set("$pb", row.Pb);
            command.Set("$ps", row.Ps);
            command.Set("$turnover_rate", row.TurnoverRate);
            command.Set("$volume_ratio", row.VolumeRatio);
            command.Set("$volume", row.Volume);
            command.Set("$total_share", row.TotalShare);
            command.Set("$float_share", row.FloatShare);
            command.Set("$total_mv", row.TotalMv);
            command.Set("$circ_mv", row.CircMv);
        }
    }
}
