using MongoDB.Bson;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>What the server's <c>hello</c> says about the deployment. Multi-document transactions (and index commit
/// quorums) need a replica set member or a mongos; a standalone server has neither.</summary>
public sealed record MongoTopology(string Kind, bool SupportsTransactions, DateTimeOffset? ServerTime)
{
    public const string ReplicaSet = "replica set";
    public const string Sharded = "sharded cluster";
    public const string Standalone = "standalone";

    public static MongoTopology FromHello(BsonDocument hello)
    {
        var serverTime = hello.TryGetValue("localTime", out var time) && time.IsValidDateTime
            ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero)
            : (DateTimeOffset?)null;
        if (hello.Contains("setName"))
        {
            return new MongoTopology(ReplicaSet, true, serverTime);
        }

        return hello.TryGetValue("msg", out var msg) && msg == "isdbgrid"
            ? new MongoTopology(Sharded, true, serverTime)
            : new MongoTopology(Standalone, false, serverTime);
    }
}
