using SyncMonitor.Api.Common.Storage;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

internal static class ChangeStorageRegistration
{
    /// <summary>Change sets and staged rows for both providers (needs the Sync module's lease store).</summary>
    public static IServiceCollection AddChangeStorage(this IServiceCollection services)
    {
        services.AddStore<IChangeSetStore, SqliteChangeSetStore, MongoChangeSetStore>();
        services.AddStore<IStagedRowStore, SqliteStagedRowStore, MongoStagedRowStore>();
        services.AddSqliteSchema("sync_changes", SqliteChangeSchema.Ddl);
        foreach (var indexes in ChangeMongoMaps.Indexes)
        {
            services.AddMongoIndexes(indexes);
        }

        return services;
    }
}
