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

        return await command.ReadAllAsync(StockBasicTable.Read, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT DISTINCT source FROM stock_basic_info ORDER BY source;");
        return await command.ReadAllAsync(r => r.GetString(0), cancellationToken);
    }

    private sealed class StockBasicTable : FencedTable<StockBasic>
    {
        public const string Columns = "code, source, symbol, name, area, industry, market, list_date, sse, full_symbol, category, " +
            "updated_at, trade_date, close, pe, pe_ttm, pb, ps, turnover_rate, volume_ratio, volume, total_share, float_share, total_mv, circ_mv";

        private static readonly string[] ColumnNames = Columns.Split(", ");

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

        public static StockBasic Read(SqliteDataReader r) => new()
        {
            Code = r.GetString(0),
            Source = r.GetString(1),
            Symbol = r.GetString(2),
            Name = r.GetString(3),
            Area = r.GetNullableString(4),
            Industry = r.GetNullableString(5),
            Market = r.GetNullableString(6),
            ListDate = r.GetNullableString(7),
            Sse = r.GetNullableString(8),
            FullSymbol = r.GetString(9),
            Category = r.GetNullableString(10),
            UpdatedAt = r.GetStoredTime(11),
            TradeDate = r.GetNullableString(12),
            Close = r.GetNullableDouble(13),
            Pe = r.GetNullableDouble(14),
            PeTtm = r.GetNullableDouble(15),
            Pb = r.GetNullableDouble(16),
            Ps = r.GetNullableDouble(17),
            TurnoverRate = r.GetNullableDouble(18),
            VolumeRatio = r.GetNullableDouble(19),
            Volume = r.GetNullableDouble(20),
            TotalShare = r.GetNullableDouble(21),
            FloatShare = r.GetNullableDouble(22),
            TotalMv = r.GetNullableDouble(23),
            CircMv = r.GetNullableDouble(24),
        };
    }
}
