using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;

/// <summary>Read-only queries over Sync's <c>stock_basic_info</c> / <c>stock_daily_basic</c> tables.</summary>
internal sealed class SqliteStockReadStore(SqliteDatabase database) : IStockReadStore
{
    private static readonly string DailyColumns = MarketDataRows.DailyBasicColumns();

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
        // Without the hint SQLite picks the date-first primary key for trade_date = ? and scans that date's rows for
        // the code; the code index finds them by (code, trade_date) directly.
        await using var command = connection.CreateCommand($"""
            SELECT {DailyColumns} FROM stock_daily_basic INDEXED BY ix_stock_daily_basic_code
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
        => await command.ReadAllAsync(MarketDataRows.ReadStockBasic, cancellationToken);

    private static async Task<IReadOnlyList<DailyBasic>> ReadDailyAsync(SqliteCommand command, CancellationToken cancellationToken)
        => await command.ReadAllAsync(MarketDataRows.ReadDailyBasic, cancellationToken);
}
