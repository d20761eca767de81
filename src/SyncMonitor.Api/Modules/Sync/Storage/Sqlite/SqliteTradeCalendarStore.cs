using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

internal sealed class SqliteTradeCalendarStore(SqliteDatabase database) : ITradeCalendarStore
{
    public async Task UpsertAsync(IReadOnlyList<TradeDay> days, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            INSERT INTO trade_calendar (exchange, cal_date, is_open) VALUES ($exchange, $date, $open)
            ON CONFLICT (exchange, cal_date) DO UPDATE SET is_open = excluded.is_open;
            """, transaction);
        foreach (var day in days)
        {
            command.Set("$exchange", day.Exchange);
            command.Set("$date", day.CalDate);
            command.Set("$open", day.IsOpen ? 1 : 0);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TradeDay>> ListAsync(string exchange, string startDate, string endDate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT exchange, cal_date, is_open FROM trade_calendar WHERE exchange = $exchange AND cal_date BETWEEN $start AND $end ORDER BY cal_date;");
        command.With("$exchange", exchange).With("$start", startDate).With("$end", endDate);
        return await command.ReadAllAsync(r => new TradeDay(r.GetString(0), r.GetString(1), r.GetInt64(2) == 1), cancellationToken);
    }
}
