using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Notifications.Storage;

/// <summary>The <c>notifications</c> table and collection with their indexes (SPEC §2: (user_id, created_at
/// desc), (user_id, status), TTL = retain days).</summary>
internal static class NotificationsSchema
{
    public const string Collection = "notifications";

    public const string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS notifications (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            type TEXT NOT NULL,
            title TEXT NOT NULL,
            content TEXT NOT NULL,
            severity TEXT NOT NULL,
            link TEXT NULL,
            source TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            read_at TEXT NULL,
            metadata TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_notifications_user_created ON notifications (user_id, created_at DESC);
        CREATE INDEX IF NOT EXISTS ix_notifications_user_status ON notifications (user_id, status);
        CREATE INDEX IF NOT EXISTS ix_notifications_created ON notifications (created_at);
        """;

    /// <summary>The TTL index takes the configured retention when it is created; an existing TTL index keeps
    /// its value (create-if-absent), while the insert-time purge always applies the configured one.</summary>
    public static MongoIndexSet MongoIndexes(int retainDays) => new(Collection,
    [
        new MongoIndexDefinition(new BsonDocument { { "user_id", 1 }, { "created_at", -1 } }, "ix_notifications_user_created"),
        new MongoIndexDefinition(new BsonDocument { { "user_id", 1 }, { "status", 1 } }, "ix_notifications_user_status"),
        new MongoIndexDefinition(new BsonDocument("created_at", 1), "ttl_notifications_created_at", ExpireAfter: TimeSpan.FromDays(retainDays)),
    ]);
}
