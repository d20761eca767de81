namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>The <c>operation_logs</c> table: times as fixed-width ISO-8601 UTC text (they sort as text), details as
/// JSON text, and the indexes that list, filter and export use. Retention needs no index of its own: an entry is
/// stored after it happened (created_at &gt;= timestamp), so it narrows by the timestamp index first.</summary>
internal static class SqliteOperationLogSchema
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS operation_logs (
            id            TEXT    NOT NULL PRIMARY KEY,
            user_id       TEXT    NOT NULL,
            username      TEXT    NOT NULL,
            action_type   TEXT    NOT NULL,
            action        TEXT    NOT NULL,
            details       TEXT    NOT NULL DEFAULT '{}',
            success       INTEGER NOT NULL,
            error_message TEXT,
            duration_ms   INTEGER,
            ip_address    TEXT,
            user_agent    TEXT,
            session_id    TEXT,
            timestamp     TEXT    NOT NULL,
            created_at    TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_operation_logs_timestamp ON operation_logs (timestamp DESC);
        CREATE INDEX IF NOT EXISTS ix_operation_logs_action_type_timestamp ON operation_logs (action_type, timestamp);
        CREATE INDEX IF NOT EXISTS ix_operation_logs_user_id_timestamp ON operation_logs (user_id, timestamp);
        """;
}
