using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Consistency.Compensation.Storage;

/// <summary>The <c>compensations</c> table and collection.</summary>
internal static class CompensationSchema
{
    public const string Collection = "compensations";

    public const string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS compensations (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            document TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_compensations_created_at ON compensations (created_at DESC);
        """;

    public static MongoIndexSet MongoIndexes { get; } = new(Collection,
    [
        new MongoIndexDefinition(new BsonDocument("created_at", -1), "ix_compensations_created_at"),
    ]);

    public static void RegisterClassMaps() => MongoClassMaps.MapWithId<CompensationRecord, string>(r => r.Id);
}
