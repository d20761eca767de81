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

    public Task<IReadOnlyList<UpsertResult>> UpsertGroupsAsync(IReadOnlyList<IReadOnlyList<DailyBasic>> groups, long fencingToken, CancellationToken cancellationToken)
        => SqliteFencedWriter.UpsertGroupsAsync(database, Table, groups, fencingToken, cancellationToken);

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

        public override string UpsertSql { get; } = FencedUpsert("stock_daily_basic", ColumnNames, keyCount: 3);

        public override IReadOnlyList<string> KeyOf(DailyBasic row) => [row.Code, row.TradeDate, row.Source];

        /// <summary>In <see cref="MarketDataRows.DailyBasicColumnNames"/> order.</summary>
        public override void Bind(SqliteRowBinder binder, DailyBasic row) => binder
            .Text(row.Code).Text(row.TradeDate).Text(row.Source).Real(row.Close).Real(row.TurnoverRate)
            .Real(row.VolumeRatio).Real(row.Volume).Real(row.Pe).Real(row.PeTtm).Real(row.Pb).Real(row.Ps)
            .Real(row.TotalShare).Real(row.FloatShare).Real(row.TotalMv).Real(row.CircMv).Text(row.UpdatedAt.ToStoredTime());
    }
}
