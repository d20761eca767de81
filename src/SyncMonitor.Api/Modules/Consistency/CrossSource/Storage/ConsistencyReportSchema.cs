using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>The report tables/collections and their indexes. Per-stock entries live beside the report (a child
/// table in SQLite, a second collection in Mongo) rather than inside it: a 10,000-code report is ~9 MB of
/// entries, which would sit close to Mongo's 16 MB document limit and could not be paged or indexed per code.</summary>
internal static class ConsistencyReportSchema
{
    public const string Reports = "consistency_reports";
    public const string Stocks = "consistency_report_stocks";

    /// <summary>A rowid table, not <c>WITHOUT ROWID</c>: an entry with its differences is ~1.4 KB, more than a
    /// <c>WITHOUT ROWID</c> B-tree keeps in a cell (its rows spill to overflow pages and every split moves them), so a
    /// 5,000-entry report was stored 2–3× slower (benchmarks/README.md, "Cross-source check"). The key is the same.</summary>
    private const string StockTableBody = """
        report_id TEXT NOT NULL REFERENCES consistency_reports (id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            primary_source TEXT NOT NULL,
            secondary_source TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            is_consistent INTEGER NOT NULL,
            confidence REAL NOT NULL,
            recommended_action TEXT NOT NULL,
            differences TEXT NOT NULL,
            resolution TEXT NULL,
            PRIMARY KEY (report_id, code)
        """;

    private const string StockColumnList = "report_id, code, primary_source, secondary_source, checked_at, is_consistent, confidence, " +
        "recommended_action, differences, resolution";

    /// <summary>Summary, one-sided code lists, differences and resolutions are JSON text: they are read whole,
    /// never queried inside. The columns that are queried (time, sources, consistency, code) are real columns.</summary>
    public static readonly string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS consistency_reports (
            id TEXT PRIMARY KEY,
            primary_source TEXT NOT NULL,
            secondary_source TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            checked_by TEXT NOT NULL,
            requested_codes INTEGER NULL,
            synthetic INTEGER NOT NULL,
            summary TEXT NOT NULL,
            only_in_primary TEXT NOT NULL,
            only_in_secondary TEXT NOT NULL,
            resolutions TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_consistency_reports_checked_at ON consistency_reports (checked_at DESC, id DESC);
        CREATE TABLE IF NOT EXISTS consistency_report_stocks (
            STOCK_TABLE_BODY);
        CREATE INDEX IF NOT EXISTS ix_consistency_report_stocks_consistency ON consistency_report_stocks (report_id, is_consistent, code);
        CREATE INDEX IF NOT EXISTS ix_consistency_report_stocks_code_checked_at ON consistency_report_stocks (code, checked_at DESC, report_id DESC);
        """.Replace("STOCK_TABLE_BODY", StockTableBody, StringComparison.Ordinal);

    /// <summary>Files written with the <c>WITHOUT ROWID</c> entries table: it is copied into a rowid table and replaced
    /// (its indexes go with it; the DDL then adds them again). Every row and column is kept.</summary>
    public static readonly IReadOnlyList<SqliteMigration> SqliteMigrations =
    [
        new("consistency_report_stocks: WITHOUT ROWID -> rowid table",
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'consistency_report_stocks' AND sql LIKE '%WITHOUT ROWID%';",
            $"""
            CREATE TABLE consistency_report_stocks_rowid ({StockTableBody});
            INSERT INTO consistency_report_stocks_rowid ({StockColumnList}) SELECT {StockColumnList} FROM consistency_report_stocks ORDER BY report_id, code;
            DROP TABLE consistency_report_stocks;
            ALTER TABLE consistency_report_stocks_rowid RENAME TO consistency_report_stocks;
            """),
    ];

    public static MongoIndexSet MongoReportIndexes { get; } = new(Reports,
    [
        new MongoIndexDefinition(new BsonDocument { { "checked_at", -1 }, { "_id", -1 } }, "ix_consistency_reports_checked_at"),
    ]);

    public static MongoIndexSet MongoStockIndexes { get; } = new(Stocks,
    [
        new MongoIndexDefinition(new BsonDocument { { "report_id", 1 }, { "is_consistent", 1 }, { "code", 1 } }, "ix_consistency_report_stocks_consistency"),
        new MongoIndexDefinition(new BsonDocument { { "report_id", 1 }, { "code", 1 } }, "ux_consistency_report_stocks_report_code", Unique: true),
        new MongoIndexDefinition(new BsonDocument { { "code", 1 }, { "checked_at", -1 }, { "report_id", -1 } }, "ix_consistency_report_stocks_code_checked_at"),
        new MongoIndexDefinition(new BsonDocument("checked_at", 1), "ix_consistency_report_stocks_checked_at"),
    ]);
}
