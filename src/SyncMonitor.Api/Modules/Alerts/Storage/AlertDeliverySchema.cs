using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The outbox <c>alert_deliveries</c> and the sending leases <c>alert_channels</c>.</summary>
internal static class AlertDeliverySchema
{
    public const string Deliveries = "alert_deliveries";
    public const string Channels = "alert_channels";

    public const string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS alert_deliveries (
            id TEXT PRIMARY KEY,
            alert_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            channel_type TEXT NOT NULL,
            event TEXT NOT NULL,
            alert TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT NULL,
            created_at TEXT NOT NULL,
            next_attempt_at TEXT NOT NULL,
            last_attempt_at TEXT NULL,
            delivered_at TEXT NULL,
            message_id TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_alert_deliveries_queue ON alert_deliveries (channel, status, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_alert_deliveries_alert ON alert_deliveries (alert_id, created_at);
        CREATE INDEX IF NOT EXISTS ix_alert_deliveries_sent ON alert_deliveries (channel, delivered_at);
        CREATE INDEX IF NOT EXISTS ix_alert_deliveries_status ON alert_deliveries (status);
        CREATE TABLE IF NOT EXISTS alert_channels (
            channel TEXT PRIMARY KEY,
            owner TEXT NULL,
            lease_until TEXT NULL);
        """;

    public static MongoIndexSet MongoDeliveryIndexes { get; } = new(Deliveries,
    [
        new MongoIndexDefinition(new BsonDocument { { "channel", 1 }, { "status", 1 }, { "created_at", 1 }, { "_id", 1 } }, "ix_alert_deliveries_queue"),
        new MongoIndexDefinition(new BsonDocument { { "alert_id", 1 }, { "created_at", 1 } }, "ix_alert_deliveries_alert"),
        new MongoIndexDefinition(new BsonDocument { { "channel", 1 }, { "delivered_at", 1 } }, "ix_alert_deliveries_sent"),
        new MongoIndexDefinition(new BsonDocument("status", 1), "ix_alert_deliveries_status"),
    ]);
}
