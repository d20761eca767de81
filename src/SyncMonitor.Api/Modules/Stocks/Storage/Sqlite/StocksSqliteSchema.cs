namespace SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;

/// <summary>Indexes the list's sorts need on top of Sync's (which has code+source, source, total_mv, circ_mv).
/// SQLite orders NULL lowest, so a descending scan of <c>(x)</c> already puts rows without a value last; the
/// expression indexes <c>(-x)</c> serve ascending order with those rows last as well (the query orders by <c>-x DESC</c>).</summary>
internal static class StocksSqliteSchema
{
    public const string Ddl = """
        CREATE INDEX IF NOT EXISTS ix_stocks_pe ON stock_basic_info (pe);
        CREATE INDEX IF NOT EXISTS ix_stocks_pb ON stock_basic_info (pb);
        CREATE INDEX IF NOT EXISTS ix_stocks_total_mv_nulls_last ON stock_basic_info (-total_mv);
        CREATE INDEX IF NOT EXISTS ix_stocks_circ_mv_nulls_last ON stock_basic_info (-circ_mv);
        CREATE INDEX IF NOT EXISTS ix_stocks_pe_nulls_last ON stock_basic_info (-pe);
        CREATE INDEX IF NOT EXISTS ix_stocks_pb_nulls_last ON stock_basic_info (-pb);
        CREATE INDEX IF NOT EXISTS ix_stocks_market_code ON stock_basic_info (market, code);
        CREATE INDEX IF NOT EXISTS ix_stocks_industry_code ON stock_basic_info (industry, code);
        """;
}
