using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The <c>alerts</c> table and collection with their indexes.</summary>
internal static class AlertsSchema
{
    public const string Collection = "alerts";

    /// <summary>The unique partial index is what makes "one open alert per fingerprint" hold under concurrent
    /// firing from any number of connections or processes.</summary>
    public const string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS alerts (
            id TEXT PRIMARY KEY,
            rule TEXT NOT NULL,
            level TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            title TEXT NOT NULL,
            message TEXT NOT NULL,
            labels TEXT NOT NULL,
            status TEXT NOT NULL,
            count INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            last_notified_at TEXT NULL,
            last_notified_level TEXT NULL,
            acknowledged_by TEXT NULL,
            acknowledged_at TEXT NULL,
            resolved_by TEXT NULL,
            resolved_at TEXT NULL,
            created_at TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_alerts_open_fingerprint ON alerts (fingerprint) WHERE status IN ('firing', 'acknowledged');
        CREATE INDEX IF NOT EXISTS ix_alerts_last_seen ON alerts (last_seen DESC);
        CREATE INDEX IF NOT EXISTS ix_alerts_status_level ON alerts (status, level);
        """;

    /// <summary>Mongo: <c>open_key</c> holds the fingerprint while the alert is open and a unique per-alert value
    /// once resolved, so a plain unique index enforces one open alert per fingerprint, and an upsert whose filter
    /// is that single equality is retried by the server on a duplicate-key race.</summary>
    public static MongoIndexSet MongoIndexes { get; } = new(Collection,
    [
        new MongoIndexDefinition(new BsonDocument("open_key", 1), "ux_alerts_open_key", Unique: true),
        new MongoIndexDefinition(new BsonDocument("last_seen", -1), "ix_alerts_last_seen"),
        new MongoIndexDefinition(new BsonDocument { { "status", 1 }, { "level", 1 } }, "ix_alerts_status_level"),
        new MongoIndexDefinition(new BsonDocument("fingerprint", 1), "ix_alerts_fingerprint"),
    ]);
}
