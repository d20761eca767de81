using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

internal sealed class SqliteDailyBasicStore(SqliteDatabase database) : IDailyBasicStore
{
    private static readonly DailyBasicTable Table = new();

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<DailyBasic> rows, long fencingToken, CancellationToken cancellationToken)
        => SqliteFencedWriter.UpsertAsync(database, Table, rows, fencingToken, cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> CountByTradeDateAsync(string startDate, string endDate, string? source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            SELECT trade_date, count(*) FROM stock_daily_basic
            WHERE trade_date BETWEEN $start AND $end AND ($source IS NULL OR source = $source)
            GROUP BY trade_date;
            """);
        command.With("$start", startDate).With("$end", endDate).With("$source", source);
        var counts = await command.ReadAllAsync(r => (Date: r.GetString(0), Rows: r.GetInt64(1)), cancellationToken);
        return counts.ToDictionary(c => c.Date, c => c.Rows, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<DailyBasic>> ListAsync(string code, string startDate, string endDate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {DailyBasicTable.Columns} FROM stock_daily_basic WHERE code = $code AND trade_date BETWEEN $start AND $end ORDER BY trade_date, source;");
        command.With("$code", code).With("$start", startDate).With("$end", endDate);
        return await command.ReadAllAsync(MarketDataRows.ReadDailyBasic, cancellationToken);
    }

    public async Task<long> DeleteAsync(IReadOnlyList<DailyBasicKey> keys, long? writtenWith, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            DELETE FROM stock_daily_basic WHERE (code, trade_date, source) IN
                (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each($keys))
              AND ($written_with IS NULL OR fencing_token = $written_with);
            """);
        command.With("$keys", JsonSerializer.Serialize(keys.Select(k => new[] { k.Code, k.TradeDate, k.Source })))
            .With("$written_with", writtenWith);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DailyBasicDateSummary>> SummarizeTradeDatesAsync(IReadOnlyCollection<string> tradeDates, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            SELECT trade_date, source, count(*), max(updated_at) FROM stock_daily_basic
            WHERE trade_date IN (SELECT value FROM json_each($dates))
            GROUP BY trade_date, source ORDER BY trade_date, source;
            """);
        command.With("$dates", JsonSerializer.Serialize(tradeDates));
        var summaries = new List<DailyBasicDateSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(new DailyBasicDateSummary(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetStoredTime(3)));
        }

        return summaries;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountCodesInSeveralSourcesAsync(IReadOnlyCollection<string> tradeDates, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            SELECT trade_date, count(*) FROM (
                SELECT trade_date, code FROM stock_daily_basic
                WHERE trade_date IN (SELECT value FROM json_each($dates))
                GROUP BY trade_date, code HAVING count(*) > 1)
            GROUP BY trade_date;
            """);
        command.With("$dates", JsonSerializer.Serialize(tradeDates));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public async Task<IReadOnlyList<string>> ListCodesAsync(string tradeDate, string source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT code FROM stock_daily_basic WHERE trade_date = $trade_date AND source = $source ORDER BY code;");
        command.With("$trade_date", tradeDate).With("$source", source);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    private sealed class DailyBasicTable : FencedTable<DailyBasic>
    {
        public static readonly string Columns = MarketDataRows.DailyBasicColumns();

        private static readonly string[] ColumnNames = MarketDataRows.DailyBasicColumnNames;

        public override string Table => "stock_daily_basic";

        public override IReadOnlyList<string> KeyColumns { get; } = ["code", "trade_date", "source"];

        public override string UpsertSql { get; } =
            $"INSERT INTO stock_daily_basic ({Columns}, fencing_token) VALUES ({string.Join(", ", ColumnNames.Select(c => "$" + c))}, $fencing_token) " +
            "ON CONFLICT (code, trade_date, source) DO UPDATE SET " +
            string.Join(", ", ColumnNames.Skip(3).Append("fencing_token").Select(c => $"{c} = excluded.{c}")) +
            " WHERE excluded.fencing_token >= stock_daily_basic.fencing_token;";

        public override IReadOnlyList<string> KeyOf(DailyBasic row) => [row.Code, row.TradeDate, row.Source];

        public override void Bind(SqliteCommand command, DailyBasic row)
        {
            command.Set("$code", row.Code);
            command.Set("$trade_date", row.TradeDate);
            command.Set("$source", row.Source);
            command.Set("$close", row.Close);
            command.Set("$turnover_rate", row.TurnoverRate);
            command.Set("$volume_ratio", row.VolumeRatio);
            command.Set("$volume", row.Volume);
            command.Set("$pe", row.Pe);
            command.Set("$pe_ttm", row.PeTtm);
            command.Set("$pb", row.Pb);
            command.Set("$ps", row.Ps);
            command.Set("$total_share", row.TotalShare);
            command.Set("$float_share", row.FloatShare);
            command.Set("$total_mv", row.TotalMv);
            command.Set("$circ_mv", row.CircMv);
            command.Set("$updated_at", row.UpdatedAt.ToStoredTime());
        }
    }
}
