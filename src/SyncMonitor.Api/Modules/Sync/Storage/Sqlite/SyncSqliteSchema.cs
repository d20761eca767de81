using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>The Sync module's tables. Every statement is idempotent; the primary keys are the unique keys of SPEC §2.</summary>
internal static class SyncSqliteSchema
{
    public static readonly string Ddl = """
        CREATE TABLE IF NOT EXISTS stock_basic_info (
            code TEXT NOT NULL, source TEXT NOT NULL, symbol TEXT NOT NULL, name TEXT NOT NULL,
            area TEXT, industry TEXT, market TEXT, list_date TEXT, sse TEXT, full_symbol TEXT NOT NULL, category TEXT,
            updated_at TEXT NOT NULL, trade_date TEXT, close REAL, pe REAL, pe_ttm REAL, pb REAL, ps REAL,
            turnover_rate REAL, volume_ratio REAL, volume REAL, total_share REAL, float_share REAL,
            total_mv REAL, circ_mv REAL, fencing_token INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (code, source)) WITHOUT ROWID;
        -- (code, source) is the primary key, which also serves lookups by code.
        CREATE INDEX IF NOT EXISTS ix_stock_basic_info_source ON stock_basic_info (source);
        CREATE INDEX IF NOT EXISTS ix_stock_basic_info_total_mv ON stock_basic_info (total_mv);
        CREATE INDEX IF NOT EXISTS ix_stock_basic_info_circ_mv ON stock_basic_info (circ_mv);

        -- Clustered by date: a trade date's rows are contiguous, so writing one touches a few hundred pages instead of
        -- one page per stock. (code, trade_date) serves the per-stock reads (history, latest row).
        CREATE TABLE IF NOT EXISTS stock_daily_basic (
            DAILY_BASIC_COLUMNS,
            PRIMARY KEY (trade_date, source, code)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_stock_daily_basic_code ON stock_daily_basic (code, trade_date);

        CREATE TABLE IF NOT EXISTS trade_calendar (
            exchange TEXT NOT NULL, cal_date TEXT NOT NULL, is_open INTEGER NOT NULL,
            PRIMARY KEY (exchange, cal_date)) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS sync_status (
            task_id TEXT PRIMARY KEY, job TEXT NOT NULL, task_type TEXT NOT NULL, status TEXT NOT NULL,
            started_at TEXT NOT NULL, fencing_token INTEGER, document TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_sync_status_started_at ON sync_status (started_at DESC);
        CREATE INDEX IF NOT EXISTS ix_sync_status_job_started_at ON sync_status (job, started_at DESC);
        CREATE INDEX IF NOT EXISTS ix_sync_status_status ON sync_status (status);

        CREATE TABLE IF NOT EXISTS sync_lock (
            id TEXT PRIMARY KEY, owner_token TEXT, fencing_token INTEGER NOT NULL, expires_at TEXT,
            task TEXT, cancel_requested INTEGER NOT NULL DEFAULT 0);
        """.Replace("DAILY_BASIC_COLUMNS", DailyBasicColumns, StringComparison.Ordinal);

    /// <summary>Files written before the date-first key: the table keyed (code, trade_date, source) is copied into the
    /// new layout in date order and replaced (its (trade_date, source) index goes with it; the DDL then adds the
    /// code index). Every row and column is kept.</summary>
    public static readonly IReadOnlyList<SqliteMigration> Migrations =
    [
        new("stock_daily_basic: primary key (code, trade_date, source) -> (trade_date, source, code)",
            "SELECT count(*) FROM pragma_index_info('sqlite_autoindex_stock_daily_basic_1') WHERE seqno = 0 AND name = 'code';",
            $"""
            CREATE TABLE stock_daily_basic_by_date (
                {DailyBasicColumns},
                PRIMARY KEY (trade_date, source, code)) WITHOUT ROWID;
            INSERT INTO stock_daily_basic_by_date ({ColumnList}) SELECT {ColumnList} FROM stock_daily_basic ORDER BY trade_date, source, code;
            DROP TABLE stock_daily_basic;
            ALTER TABLE stock_daily_basic_by_date RENAME TO stock_daily_basic;
            """),
    ];

    private const string DailyBasicColumns = """
        code TEXT NOT NULL, trade_date TEXT NOT NULL, source TEXT NOT NULL,
                    close REAL, turnover_rate REAL, volume_ratio REAL, volume REAL, pe REAL, pe_ttm REAL, pb REAL, ps REAL,
                    total_share REAL, float_share REAL, total_mv REAL, circ_mv REAL,
                    updated_at TEXT NOT NULL, fencing_token INTEGER NOT NULL DEFAULT 0
        """;

    private const string ColumnList = "code, trade_date, source, close, turnover_rate, volume_ratio, volume, pe, pe_ttm, pb, ps, " +
        "total_share, float_share, total_mv, circ_mv, updated_at, fencing_token";
}
