using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>The Mongo lease, without a server: its times come from the server's clock, it reads and writes on the
/// primary with majority concern whatever the connection string says, and its counter is seeded from the data.</summary>
public sealed class MongoSyncLeaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    public MongoSyncLeaseTests() => SyncMongoMaps.Register();

    private static void ShouldEqual(BsonValue actual, string json)
        => (actual == BsonDocument.Parse(json)).Should().BeTrue($"{actual} should be {json}");

    private static RenderArgs<LeaseDocument> Args => new(BsonSerializer.LookupSerializer<LeaseDocument>(), BsonSerializer.SerializerRegistry);

    /// <summary>A connection string that asks for everything the lease must not inherit.</summary>
    private MongoSyncLeaseStore Store(string connectionString = "mongodb://127.0.0.1:1/?replicaSet=rs0&readPreference=secondaryPreferred&w=1&readConcernLevel=local")
        => new(new MongoDatabaseProvider(
            Options.Create(new StorageOptions { Provider = StorageProvider.Mongo, Mongo = new MongoStorageOptions { ConnectionString = connectionString } }),
            [], _time, NullLogger<MongoDatabaseProvider>.Instance), _time);

    private static LeaseClaim Claim => new("owner-a", new CurrentTask
    {
        TaskId = "t-1", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "host-a", TriggeredBy = "$owner_token",
    });

    [Fact]
    public void The_lease_reads_from_the_primary_with_majority_read_and_write_concern_whatever_the_connection_string_says()
    {
        var settings = Store().Leases.Settings;

        settings.ReadPreference.Should().Be(ReadPreference.Primary);
        settings.ReadConcern.Should().Be(ReadConcern.Majority);
        settings.WriteConcern.Should().Be(WriteConcern.WMajority);
    }

    [Fact]
    public void Lease_times_are_the_servers_and_a_callers_step_forward_on_its_own_clock_is_kept_as_an_offset()
    {
        var store = Store();

        store.ServerNow(T0).Should().Be((BsonValue)"$$NOW", "in production the caller's now is this instance's clock");
        ShouldEqual(store.ServerNow(T0.AddSeconds(61)), """{ "$add": ["$$NOW", { "$numberLong": "61000" }] }""");
    }

    [Fact]
    public void Acquisition_compares_the_expiry_with_the_servers_now_and_sets_every_time_from_it()
    {
        var filter = MongoSyncLeaseStore.AcquireFilter("$$NOW").Render(Args);
        var update = MongoSyncLeaseStore.AcquireUpdate(Claim, "$$NOW", TimeSpan.FromSeconds(60)).Render(Args).AsBsonArray;

        ShouldEqual(filter, """
            { "_id": "global", "$expr": { "$or": [
                { "$eq": [ { "$ifNull": [ "$owner_token", null ] }, null ] },
                { "$lte": [ "$expires_at", "$$NOW" ] } ] } }
            """);
        var set = update.Single()["$set"].AsBsonDocument;
        ShouldEqual(set["expires_at"], """{ "$add": ["$$NOW", { "$numberLong": "60000" }] }""");
        set["acquired_at"].Should().Be((BsonValue)"$$NOW");
        ShouldEqual(set["fencing_token"], """{ "$add": ["$fencing_token", 1] }""");
        set["task"]["$mergeObjects"][0]["$literal"]["triggered_by"].AsString.Should().Be("$owner_token", "a task's strings are never read as field paths");
        set["task"]["$mergeObjects"][1]["start_time"].Should().Be((BsonValue)"$$NOW", "current_task starts when the server granted the lease");
        set.Remove("task");
        set.ToString().Should().NotContain("2026-11-24", "no lease time of this instance's clock is written");
    }

    [Fact]
    public void Renewal_and_cancel_requests_are_timed_by_the_server_too()
    {
        ShouldEqual(MongoSyncLeaseStore.RenewUpdate("$$NOW", TimeSpan.FromSeconds(60)).Render(Args).AsBsonArray.Single(),
            """{ "$set": { "expires_at": { "$add": ["$$NOW", { "$numberLong": "60000" }] } } }""");
        ShouldEqual(MongoSyncLeaseStore.CancelFilter("t-1", "$$NOW").Render(Args), """
            { "_id": "global", "owner_token": { "$ne": null }, "task.task_id": "t-1", "$expr": { "$gt": [ "$expires_at", "$$NOW" ] } }
            """);
        var read = MongoSyncLeaseStore.ReadPipeline.Render(Args);
        ShouldEqual(read.Documents.Last(), """{ "$addFields": { "_server_now": "$$NOW" } }""");
    }

    [Fact]
    public void A_new_lease_document_starts_its_counter_at_the_highest_token_in_rows_and_runs()
    {
        MongoFencingSeed.Collections.Should().BeEquivalentTo("stock_basic_info", "stock_daily_basic", "sync_status");
        var args = new RenderArgs<BsonDocument>(BsonSerializer.LookupSerializer<BsonDocument>(), BsonSerializer.SerializerRegistry);
        ShouldEqual(MongoFencingSeed.HasToken.Render(args), """{ "fencing_token": { "$type": "number" } }""");
        ShouldEqual(MongoFencingSeed.HighestFirst.Render(args), """{ "fencing_token": -1 }""");
    }
}
