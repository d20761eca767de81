using Microsoft.Extensions.DependencyInjection;
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

    [SkippableFact]
    public async Task An_existing_index_with_the_same_keys_but_another_name_is_left_alone()
    {
        await using var harness = await HarnessAsync(_ => { });
        var mongo = harness.Get<MongoDatabaseProvider>();
        var collection = mongo.Database.GetCollection<MongoDB.Bson.BsonDocument>("contract_probe");
        await collection.Indexes.CreateOneAsync(new MongoIndexDefinition(new MongoDB.Bson.BsonDocument("name", 1), "legacy_name").ToModel());

        var missing = MongoIndexPlanner.Missing(
            await MongoDB.Driver.IAsyncCursorExtensions.ToListAsync(await collection.Indexes.ListAsync()),
            [new MongoIndexDefinition(new MongoDB.Bson.BsonDocument("name", 1), "name_1_probe")]);

        missing.Should().BeEmpty();
    }
}
