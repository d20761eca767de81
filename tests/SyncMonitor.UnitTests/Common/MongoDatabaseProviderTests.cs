using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.UnitTests.Common;

/// <summary>Connection settings and the deployment's kind, without a server.</summary>
public sealed class MongoDatabaseProviderTests
{
    [Fact]
    public void The_connection_string_wins_when_it_names_a_database_or_a_server_selection_timeout()
    {
        var (settings, database) = MongoDatabaseProvider.Resolve(new MongoStorageOptions
        {
            ConnectionString = "mongodb://db1:27017,db2:27017/prod_sync?replicaSet=rs0&serverSelectionTimeoutMS=2500",
            Database = "syncmonitor",
        });

        database.Should().Be("prod_sync");
        settings.ServerSelectionTimeout.Should().Be(TimeSpan.FromMilliseconds(2500));
        settings.ReplicaSetName.Should().Be("rs0");
    }

    [Fact]
    public void Without_them_the_configured_database_and_a_ten_second_server_selection_apply()
    {
        var (settings, database) = MongoDatabaseProvider.Resolve(new MongoStorageOptions
        {
            ConnectionString = "mongodb://db1:27017/?replicaSet=rs0",
            Database = "syncmonitor",
        });

        database.Should().Be("syncmonitor");
        settings.ServerSelectionTimeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Hello_tells_a_replica_set_member_and_a_mongos_from_a_standalone_server()
    {
        // Fields as the hello command documents them: setName on replica set members, msg "isdbgrid" from mongos.
        var localTime = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
        var member = MongoTopology.FromHello(new BsonDocument { { "isWritablePrimary", true }, { "setName", "rs0" }, { "localTime", localTime } });
        var router = MongoTopology.FromHello(new BsonDocument { { "isWritablePrimary", true }, { "msg", "isdbgrid" } });
        var standalone = MongoTopology.FromHello(new BsonDocument { { "isWritablePrimary", true }, { "localTime", localTime } });

        member.Should().Be(new MongoTopology(MongoTopology.ReplicaSet, true, new DateTimeOffset(localTime)));
        router.SupportsTransactions.Should().BeTrue();
        standalone.SupportsTransactions.Should().BeFalse();
        standalone.Kind.Should().Be(MongoTopology.Standalone);
    }

    [Fact]
    public void Transactions_read_and_write_with_majority_concern_on_the_primary()
    {
        var options = MongoDatabaseProvider.TransactionOptions;

        options.ReadConcern.Should().Be(ReadConcern.Majority);
        options.WriteConcern.Should().Be(WriteConcern.WMajority);
        options.ReadPreference.Should().Be(ReadPreference.Primary);
    }
}
