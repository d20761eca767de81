using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Storage;

/// <summary>The <c>integrity_checks</c> table and collection: the result as one document, with the type and time
/// it is looked up by beside it.</summary>
internal static class IntegritySchema
{
    public const string Collection = "integrity_checks";

    public const string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS integrity_checks (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            health TEXT NOT NULL,
            completion_rate REAL NOT NULL,
            document TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_integrity_checks_type_checked_at ON integrity_checks (type, checked_at DESC);
        CREATE INDEX IF NOT EXISTS ix_integrity_checks_checked_at ON integrity_checks (checked_at);
        """;

    public static MongoIndexSet MongoIndexes { get; } = new(Collection,
    [
        new MongoIndexDefinition(new BsonDocument { { "type", 1 }, { "checked_at", -1 } }, "ix_integrity_checks_type_checked_at"),
        new MongoIndexDefinition(new BsonDocument("checked_at", 1), "ix_integrity_checks_checked_at"),
    ]);

    /// <summary>The result's id is the document's <c>_id</c>; everything else follows the shared conventions.</summary>
    public static void RegisterClassMaps() => MongoClassMaps.MapWithId<IntegrityCheckResult, string>(r => r.Id);
}
