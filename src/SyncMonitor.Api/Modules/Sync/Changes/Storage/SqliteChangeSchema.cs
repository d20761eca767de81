namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>Change sets and staged rows. One row per changed code (its kinds as <c>,kind,</c> text so a kind filter
/// is a LIKE on the run's rows), one per staged stock.</summary>
internal static class SqliteChangeSchema
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS sync_change_sets (
            task_id TEXT PRIMARY KEY, source TEXT NOT NULL, seen_at TEXT NOT NULL, state TEXT NOT NULL,
            fencing_token INTEGER NOT NULL, document TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_sync_change_sets_source_seen_at ON sync_change_sets (source, seen_at DESC);

        CREATE TABLE IF NOT EXISTS sync_changes (
            task_id TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, kinds TEXT NOT NULL, fields TEXT NOT NULL,
            PRIMARY KEY (task_id, code)) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS stock_basic_staging (
            task_id TEXT NOT NULL, code TEXT NOT NULL, document TEXT NOT NULL,
            PRIMARY KEY (task_id, code)) WITHOUT ROWID;
        """;
}
