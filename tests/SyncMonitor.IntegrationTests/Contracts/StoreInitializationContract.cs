using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>Every provider: initialization is idempotent (a restart re-runs it), the probe answers, and a
/// module's declared schema/indexes exist afterwards.</summary>
public abstract class StoreInitializationContract : StoreContract
{
    private static void RegisterProbeSchema(IServiceCollection services)
    {
        services.AddSqliteSchema("contract_probe", "CREATE TABLE IF NOT EXISTS contract_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
        services.AddMongoIndexes(new MongoIndexSet("contract_probe",
        [
            new MongoIndexDefinition(new MongoDB.Bson.BsonDocument("name", 1), "name_1_probe", Unique: true),
        ]));
    }

    [SkippableFact]
    public async Task Initialization_runs_twice_without_error_and_the_store_answers()
    {
        await using var harness = await HarnessAsync(RegisterProbeSchema);
        foreach (var initializer in harness.Services.GetServices<IStoreInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        var ping = () => harness.Get<IStoreHealthProbe>().PingAsync(CancellationToken.None);
        await ping.Should().NotThrowAsync();
    }
}

public sealed class SqliteStoreInitializationContract : StoreInitializationContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task The_sqlite_file_uses_wal_and_holds_the_declared_tables()
    {
        await using var harness = await HarnessAsync(services =>
            services.AddSqliteSchema("contract_probe", "CREATE TABLE IF NOT EXISTS contract_probe (id INTEGER PRIMARY KEY);"));
        var database = harness.Get<SyncMonitor.Api.Common.Storage.Sqlite.SqliteDatabase>();
        await using var connection = await database.OpenAsync();
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        ((string?)await mode.ExecuteScalarAsync()).Should().Be("wal");
        await using var table = connection.CreateCommand();
        table.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'contract_probe';";
        ((long)(await table.ExecuteScalarAsync())!).Should().Be(1);
        File.Exists(Path.Combine(harness.DataDirectory, "syncmonitor.db")).Should().BeTrue();
    }
}

public sealed class MongoStoreInitializationContract : StoreInitializationContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    private static MongoIndexDefinition Index(string name, BsonDocument keys, bool unique = false, TimeSpan? ttl = null) => new(keys, name, unique, ttl);

    /// <summary>A fresh database and the initializer applied to one declared set at a time, as a restart would.</summary>
    private async Task<(StoreHarness Harness, IMongoCollection<BsonDocument> Probe, Func<MongoIndexSet, Task> Apply)> ProbeAsync()
    {
        var harness = await HarnessAsync(_ => { });
        var mongo = harness.Get<MongoDatabaseProvider>();
        var topology = await mongo.TopologyAsync(CancellationToken.None);
        var apply = (MongoIndexSet set) => new MongoIndexInitializer(mongo.Database, topology, NullLogger.Instance).ApplyAsync([set], CancellationToken.None);
        return (harness, mongo.Database.GetCollection<BsonDocument>("contract_probe"), apply);
    }

    private static async Task<List<BsonDocument>> IndexesAsync(IMongoCollection<BsonDocument> collection)
        => await (await collection.Indexes.ListAsync()).ToListAsync();

    [SkippableFact]
    public async Task An_existing_index_with_the_same_keys_but_another_name_is_left_alone()
    {
        var (harness, probe, apply) = await ProbeAsync();
        await using var _ = harness;
        await probe.Indexes.CreateOneAsync(Index("legacy_name", new BsonDocument("name", 1)).ToModel());

        await apply(new MongoIndexSet("contract_probe", [Index("name_1_probe", new BsonDocument("name", 1))]));

        (await IndexesAsync(probe)).Select(i => i["name"].AsString).Should().BeEquivalentTo("_id_", "legacy_name");
    }

    [SkippableFact]
    public async Task A_changed_retention_reaches_the_existing_ttl_index()
    {
        var (harness, probe, apply) = await ProbeAsync();
        await using var _ = harness;
        await apply(new MongoIndexSet("contract_probe", [Index("created_at_ttl", new BsonDocument("created_at", 1), ttl: TimeSpan.FromDays(90))]));

        await apply(new MongoIndexSet("contract_probe", [Index("created_at_ttl", new BsonDocument("created_at", 1), ttl: TimeSpan.FromDays(30))]));

        var ttl = (await IndexesAsync(probe)).Single(i => i["name"] == "created_at_ttl");
        ttl["expireAfterSeconds"].ToInt64().Should().Be((long)TimeSpan.FromDays(30).TotalSeconds);
    }

    [SkippableFact]
    public async Task A_non_unique_index_where_uniqueness_is_required_stops_initialization_with_what_to_do()
    {
        var (harness, probe, apply) = await ProbeAsync();
        await using var _ = harness;
        var keys = new BsonDocument { { "code", 1 }, { "source", 1 } };
        await probe.Indexes.CreateOneAsync(Index("code_1_source_1", keys).ToModel());

        var start = () => apply(new MongoIndexSet("contract_probe", [Index("code_1_source_1", keys, unique: true)]));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("not unique");
    }

    [SkippableFact]
    public async Task A_hashed_index_on_a_declared_field_does_not_stop_initialization_and_retired_indexes_are_dropped()
    {
        var (harness, probe, apply) = await ProbeAsync();
        await using var _ = harness;
        await probe.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("code", "hashed")));
        await probe.Indexes.CreateOneAsync(Index("source_1", new BsonDocument("source", 1)).ToModel());

        await apply(new MongoIndexSet("contract_probe", [Index("code_1", new BsonDocument("code", 1))])
        {
            Retired = [Index("source_1", new BsonDocument("source", 1))],
        });

        (await IndexesAsync(probe)).Select(i => i["name"].AsString).Should().BeEquivalentTo("_id_", "code_hashed", "code_1");
    }
}
