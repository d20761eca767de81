using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>The durability split of the embedded store: lease and run records commit with <c>synchronous = FULL</c>,
/// bulk data with <c>NORMAL</c>, and a pooled connection never carries one setting over to the other kind of use.</summary>
public sealed class SqliteDurabilityTests
{
    private static async Task<long> PragmaAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand($"PRAGMA {name};");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Durable_connections_sync_every_commit_and_data_connections_from_the_same_pool_do_not()
    {
        await using var harness = await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage());
        var database = harness.Get<SqliteDatabase>();

        for (var i = 0; i < 3; i++)
        {
            await using (var durable = await database.OpenDurableAsync())
            {
                (await PragmaAsync(durable, "synchronous")).Should().Be(2, "FULL");
            }

            await using var data = await database.OpenAsync();
            (await PragmaAsync(data, "synchronous")).Should().Be(1, "NORMAL, although the pool may hand out the connection that was durable");
            (await PragmaAsync(data, "cache_size")).Should().Be(-65536);
        }
    }
}
