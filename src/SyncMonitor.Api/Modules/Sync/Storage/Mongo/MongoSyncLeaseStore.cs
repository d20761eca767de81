using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>The lease as one document. Every time in it is the server's (<c>$$NOW</c> in pipeline updates and
/// <c>$expr</c> filters), so an instance whose clock runs ahead cannot take a live lease; an acquisition uses the
/// server's clock alone. For renewals and cancels the caller's <c>now</c> is read as an offset from this instance's
/// own clock reading (zero in production, a step forward in tests that move time) and applied to the server's clock. Reads and writes go to the primary with majority concern whatever the
/// connection string says: a lagging secondary must not answer "free", and an acquisition must survive a failover.
/// The document is created on first use with the fencing counter seeded from the highest token stored in the data,
/// so losing it (dropped, restored from an old backup) never hands out a token the data would refuse.</summary>
internal sealed class MongoSyncLeaseStore : ISyncLeaseStore
{
    private const int DuplicateKey = 11000;
    private const int MaxAcquireAttempts = 3;
    private readonly MongoDatabaseProvider _mongo;
    private readonly TimeProvider _time;

    public MongoSyncLeaseStore(MongoDatabaseProvider mongo, TimeProvider time)
    {
        SyncMongoMaps.Register();
        (_mongo, _time) = (mongo, time);
        Leases = Pinned(mongo.Collection<LeaseDocument>(SyncMongoMaps.SyncLock));
    }

    internal IMongoCollection<LeaseDocument> Leases { get; }

    /// <summary>Primary reads, majority read and write concern: the only safe way to read and move the lease.</summary>
    internal static IMongoCollection<T> Pinned<T>(IMongoCollection<T> collection) => collection
        .WithReadPreference(ReadPreference.Primary).WithReadConcern(ReadConcern.Majority).WithWriteConcern(WriteConcern.WMajority);

    private static FilterDefinitionBuilder<LeaseDocument> Filter => Builders<LeaseDocument>.Filter;

    /// <summary>One <c>findAndModify</c> whose filter and update read the same <c>$$NOW</c>: the lease's start
    /// (<c>acquired_at</c>, returned as <see cref="HeldLease.AcquiredAt"/>) and its expiry are the server's moment of
    /// the acquisition.</summary>
    public async Task<LeaseAcquisition> TryAcquireAsync(LeaseClaim claim, TimeSpan duration, CancellationToken cancellationToken)
    {
        LeaseState? holder = null;
        BsonValue serverNow = "$$NOW";
        for (var attempt = 1; attempt <= MaxAcquireAttempts; attempt++)
        {
            var taken = await Leases.FindOneAndUpdateAsync(
                AcquireFilter(serverNow), AcquireUpdate(claim, serverNow, duration),
                new FindOneAndUpdateOptions<LeaseDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken);
            if (taken is not null)
            {
                var acquiredAt = taken.AcquiredAt ?? throw new InvalidOperationException("The acquired lease has no acquired_at.");
                return new LeaseAcquisition(new HeldLease(claim.OwnerToken, taken.FencingToken, acquiredAt), null, taken.TakenOverTask);
            }

            holder = await GetAsync(cancellationToken);
            if (holder is null)
            {
                await CreateAsync(cancellationToken);
            }
            else if (holder.IsHeldAt(_time.GetUtcNow()))
            {
                return LeaseAcquisition.Busy(holder);
            }

            // Free again (released between the two reads) or just created: try once more, a bounded number of times.
        }

        return holder is not null
            ? LeaseAcquisition.Busy(holder)
            : throw new InvalidOperationException("The sync lease document could not be created.");
    }

    public async Task<bool> RenewAsync(HeldLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var result = await Leases.UpdateOneAsync(Held(lease), RenewUpdate(ServerNow(now), duration), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    public Task ReleaseAsync(HeldLease lease, CancellationToken cancellationToken)
        => Leases.UpdateOneAsync(Held(lease), Builders<LeaseDocument>.Update.Set(l => l.OwnerToken, null).Set(l => l.ExpiresAt, null)
            .Set(l => l.Task, null).Set(l => l.CancelRequested, false), cancellationToken: cancellationToken);

    public async Task<bool> RequestCancelAsync(string taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = await Leases.UpdateOneAsync(CancelFilter(taskId, ServerNow(now)),
            Builders<LeaseDocument>.Update.Set(l => l.CancelRequested, true), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    /// <summary>The stored lease with <see cref="LeaseState.ExpiresAt"/> moved onto this instance's clock (expiry minus
    /// the server's now, plus ours), so <see cref="LeaseState.IsHeldAt"/> with our clock answers as the server would.</summary>
    public async Task<LeaseState?> GetAsync(CancellationToken cancellationToken)
    {
        var found = await (await Leases.AggregateAsync(ReadPipeline, cancellationToken: cancellationToken)).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var serverNow = new DateTimeOffset(found[ServerNowField].ToUniversalTime(), TimeSpan.Zero);
        found.Remove(ServerNowField);
        var state = MongoDB.Bson.Serialization.BsonSerializer.Deserialize<LeaseDocument>(found).ToState();
        return state with { ExpiresAt = state.ExpiresAt + (_time.GetUtcNow() - serverNow) };
    }

    /// <summary>The fencing token the lease holds now, read from the primary with majority concern.</summary>
    internal async Task<long> CurrentFencingTokenAsync(CancellationToken cancellationToken)
        => (await Leases.Find(Filter.Eq(l => l.Id, LeaseDocument.GlobalId)).FirstOrDefaultAsync(cancellationToken))?.FencingToken ?? 0;

    internal static FilterDefinition<LeaseDocument> Held(HeldLease lease) => Filter.And(
        Filter.Eq(l => l.Id, LeaseDocument.GlobalId),
        Filter.Eq(l => l.OwnerToken, lease.OwnerToken),
        Filter.Eq(l => l.FencingToken, lease.FencingToken));

    private const string ServerNowField = "_server_now";

    internal static PipelineDefinition<LeaseDocument, BsonDocument> ReadPipeline { get; } = new BsonDocument[]
    {
        new("$match", new BsonDocument("_id", LeaseDocument.GlobalId)),
        new("$addFields", new BsonDocument(ServerNowField, "$$NOW")),
    };

    /// <summary>The server's clock, moved by the caller's offset from this instance's clock.</summary>
    internal BsonValue ServerNow(DateTimeOffset now)
    {
        var offset = (long)Math.Round((now - _time.GetUtcNow()).TotalMilliseconds);
        return offset == 0 ? "$$NOW" : new BsonDocument("$add", new BsonArray { "$$NOW", offset });
    }

    /// <summary>The lease, when it is free (no owner) or expired by the server's clock.</summary>
    internal static FilterDefinition<LeaseDocument> AcquireFilter(BsonValue serverNow) => new BsonDocument
    {
        { "_id", LeaseDocument.GlobalId },
        { "$expr", new BsonDocument("$or", new BsonArray
            {
                new BsonDocument("$eq", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$owner_token", BsonNull.Value }), BsonNull.Value }),
                new BsonDocument("$lte", new BsonArray { "$expires_at", serverNow }),
            })
        },
    };

    /// <summary>One <c>$set</c> stage: fields on the right still hold their values from before the update, so the next
    /// token and the task taken over come from the previous holder. The claimed task is a <c>$literal</c>: none of its
    /// strings may be read as a field path or operator; its start time is the server's moment of the acquisition.</summary>
    internal static UpdateDefinition<LeaseDocument> AcquireUpdate(LeaseClaim claim, BsonValue serverNow, TimeSpan duration)
        => Pipeline(new BsonDocument("$set", new BsonDocument
        {
            { "fencing_token", new BsonDocument("$add", new BsonArray { "$fencing_token", 1 }) },
            { "owner_token", claim.OwnerToken },
            { "expires_at", new BsonDocument("$add", new BsonArray { serverNow, (long)duration.TotalMilliseconds }) },
            { "acquired_at", serverNow },
            { "task", new BsonDocument("$mergeObjects", new BsonArray
                {
                    new BsonDocument("$literal", claim.Task.ToBsonDocument()),
                    new BsonDocument("start_time", serverNow), // current_task starts when the lease does
                })
            },
            { "cancel_requested", false },
            { "taken_over_task", new BsonDocument("$cond", new BsonArray
                {
                    new BsonDocument("$eq", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$owner_token", BsonNull.Value }), BsonNull.Value }),
                    BsonNull.Value,
                    "$task",
                })
            },
        }));

    internal static UpdateDefinition<LeaseDocument> RenewUpdate(BsonValue serverNow, TimeSpan duration)
        => Pipeline(new BsonDocument("$set", new BsonDocument("expires_at",
            new BsonDocument("$add", new BsonArray { serverNow, (long)duration.TotalMilliseconds }))));

    internal static FilterDefinition<LeaseDocument> CancelFilter(string taskId, BsonValue serverNow) => new BsonDocument
    {
        { "_id", LeaseDocument.GlobalId },
        { "owner_token", new BsonDocument("$ne", BsonNull.Value) },
        { "task.task_id", taskId },
        { "$expr", new BsonDocument("$gt", new BsonArray { "$expires_at", serverNow }) },
    };

    private static UpdateDefinition<LeaseDocument> Pipeline(BsonDocument stage)
        => Builders<LeaseDocument>.Update.Pipeline(new BsonDocumentStagePipelineDefinition<LeaseDocument, LeaseDocument>([stage]));

    /// <summary>Creates the free lease document, its counter at the highest fencing token stored in the data (another
    /// instance creating it at the same moment is fine: one insert wins).</summary>
    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var seed = await MongoFencingSeed.HighestStoredTokenAsync(_mongo, cancellationToken);
        try
        {
            await Leases.InsertOneAsync(new LeaseDocument { FencingToken = seed }, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
        }
    }
}
