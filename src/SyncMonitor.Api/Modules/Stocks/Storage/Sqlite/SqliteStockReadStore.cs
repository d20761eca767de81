using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;

/// <summary>Read-only queries over Sync's <c>stock_basic_info</c> / <c>stock_daily_basic</c> tables.</summary>
internal sealed class SqliteStockReadStore(SqliteDatabase database) : IStockReadStore
{
    private const string DailyColumns = "code, trade_date, source, close, turnover_rate, volume_ratio, volume, pe, pe_ttm, pb, ps, " +
        "total_share, float_share, total_mv, circ_mv, updated_at";

    public async Task<StockRows> ListAsync(StockListQuery query, IReadOnlyList<string> priority, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = StockListSql.CountCommand(connection, query);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (total <= query.Offset)
        {
            return new StockRows([], total);
        }

        await using var page = StockListSql.PageCommand(connection, query, priority);
        return new StockRows(await ReadStocksAsync(page, cancellationToken), total);
    }

    public async Task<IReadOnlyList<StockBasic>> GetByCodeAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {StockListSql.Columns} FROM stock_basic_info a WHERE a.code = $code ORDER BY a.source;");
        command.With("$code", code);
        return await ReadStocksAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DailyBasic>> GetLatestDailyAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            SELECT {DailyColumns} FROM stock_daily_basic
            WHERE code = $code AND trade_date = (SELECT max(trade_date) FROM stock_daily_basic WHERE code = $code)
            ORDER BY source;
            """);
        command.With("$code", code);
        return await ReadDailyAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DailyBasic>> ListDailyAsync(string code, string startDate, string endDate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {DailyColumns} FROM stock_daily_basic WHERE code = $code AND trade_date BETWEEN $start AND $end ORDER BY trade_date, source;");
        command.With("$code", code).With("$start", startDate).With("$end", endDate);
        return await ReadDailyAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<StockBasic>> ReadStocksAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<StockBasic>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new StockBasic
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
            });
        }

        return rows;
    }

    private static async Task<IReadOnlyList<DailyBasic>> ReadDailyAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DailyBasic>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new DailyBasic
            {
                Code = r.GetString(0),
                TradeDate = r.GetString(1),
                Source = r.GetString(2),
                Close = r.GetNullableDouble(3),
                TurnoverRate = r.GetNullableDouble(4),
                VolumeRatio = r.GetNullableDouble(5),
                Volume = r.GetNullableDouble(6),
                Pe = r.GetNullableDouble(7),
                PeTtm = r.GetNullableDouble(8),
                Pb = r.GetNullableDouble(9),
                Ps = r.GetNullableDouble(10),
                TotalShare = r.GetNullableDouble(11),
                FloatShare = r.GetNullableDouble(12),
                TotalMv = r.GetNullableDouble(13),
                CircMv = r.GetNullableDouble(14),
                UpdatedAt = r.GetStoredTime(15),
            });
        }

        return rows;
    }
}
