using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>The highest fencing token the data carries: rows refuse writers with lower tokens, and runs and
/// compensation rollbacks are matched by theirs, so a new lease counter must start above it. Read once, when the
/// lease document has to be created (a fresh database, or one whose <c>sync_lock</c> was lost).</summary>
internal static class MongoFencingSeed
{
    public static readonly IReadOnlyList<string> Collections = [SyncMongoMaps.StockBasicInfo, SyncMongoMaps.StockDailyBasic, SyncMongoMaps.SyncStatus];

    public static async Task<long> HighestStoredTokenAsync(MongoDatabaseProvider mongo, CancellationToken cancellationToken)
    {
        long highest = 0;
        foreach (var name in Collections)
        {
            var top = await mongo.Collection<BsonDocument>(name)
                .WithReadPreference(ReadPreference.Primary).WithReadConcern(ReadConcern.Majority)
                .Find(HasToken).Sort(HighestFirst).Project(TokenOnly).Limit(1)
                .FirstOrDefaultAsync(cancellationToken);
            if (top is not null && top[MongoFencedWriter.FencingField].IsNumeric)
            {
                highest = Math.Max(highest, top[MongoFencedWriter.FencingField].ToInt64());
            }
        }

        return highest;
    }

    internal static FilterDefinition<BsonDocument> HasToken { get; } =
        new BsonDocument(MongoFencedWriter.FencingField, new BsonDocument("$type", "number"));

    internal static SortDefinition<BsonDocument> HighestFirst { get; } = new BsonDocument(MongoFencedWriter.FencingField, -1);

    internal static ProjectionDefinition<BsonDocument> TokenOnly { get; } = new BsonDocument { { "_id", 0 }, { MongoFencedWriter.FencingField, 1 } };
}
