using MongoDB.Bson;
using MongoDB.Driver;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>Brings each collection's indexes in line with what the modules declare (<see cref="MongoIndexPlanner"/>):
/// creates the missing ones — on a replica set with a majority commit quorum, so startup does not wait for every voting
/// member — changes TTLs with <c>collMod</c>, drops retired ones, and stops startup on a conflict it must not paper over.</summary>
internal sealed partial class MongoIndexInitializer(IMongoDatabase database, MongoTopology topology, ILogger logger)
{
    public async Task ApplyAsync(IEnumerable<MongoIndexSet> sets, CancellationToken cancellationToken)
    {
        var plans = new List<(MongoIndexSet Set, MongoIndexPlan Plan)>();
        foreach (var set in sets)
        {
            var collection = database.GetCollection<BsonDocument>(set.Collection);
            var existing = await (await collection.Indexes.ListAsync(cancellationToken)).ToListAsync(cancellationToken);
            plans.Add((set, MongoIndexPlanner.Plan(existing, set)));
        }

        var conflicts = plans.SelectMany(p => p.Plan.Conflicts).ToList();
        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException("MongoDB indexes conflict with what this version needs: " + string.Join(" ", conflicts));
        }

        foreach (var (set, plan) in plans)
        {
            var collection = database.GetCollection<BsonDocument>(set.Collection);
            foreach (var index in plan.Create)
            {
                await collection.Indexes.CreateOneAsync(index.ToModel(), CreateOptions(topology), cancellationToken);
                LogIndexCreated(logger, set.Collection, index.Name);
            }

            foreach (var change in plan.ChangeTtl)
            {
                await database.RunCommandAsync<BsonDocument>(MongoIndexPlanner.CollModCommand(set.Collection, change), cancellationToken: cancellationToken);
                LogTtlChanged(logger, set.Collection, change.ExistingName, change.ExpireAfter.TotalSeconds);
            }

            foreach (var name in plan.Drop)
            {
                await collection.Indexes.DropOneAsync(name, cancellationToken);
                LogIndexDropped(logger, set.Collection, name);
            }
        }
    }

    /// <summary>A commit quorum is refused by a standalone server, so it is set only where there are members to count.</summary>
    public static CreateOneIndexOptions CreateOptions(MongoTopology topology)
        => new() { CommitQuorum = topology.SupportsTransactions ? CreateIndexCommitQuorum.Majority : null };

    [LoggerMessage(Level = LogLevel.Information, Message = "Created index {Index} on {Collection}")]
    private static partial void LogIndexCreated(ILogger logger, string collection, string index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Changed the TTL of index {Index} on {Collection} to {Seconds} s")]
    private static partial void LogTtlChanged(ILogger logger, string collection, string index, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped retired index {Index} on {Collection}")]
    private static partial void LogIndexDropped(ILogger logger, string collection, string index);
}
