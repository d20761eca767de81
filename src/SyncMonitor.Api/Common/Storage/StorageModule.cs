using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Common.Storage;

public static class StorageModule
{
    /// <summary>Registers both providers; the configured one is chosen when a store is first resolved,
    /// so tests can switch providers through configuration alone.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<MongoDatabaseProvider>();
        services.AddSingleton<IStoreHealthProbe>(sp => sp.IsMongo()
            ? sp.GetRequiredService<MongoDatabaseProvider>()
            : sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IStoreInitializer>(sp => sp.IsMongo()
            ? sp.GetRequiredService<MongoDatabaseProvider>()
            : sp.GetRequiredService<SqliteDatabase>());
        services.AddHostedService<StoreInitializationService>();
        return services;
    }

    /// <summary>Registers a store interface with one implementation per provider.</summary>
    public static IServiceCollection AddStore<TStore, TSqlite, TMongo>(this IServiceCollection services)
        where TStore : class
        where TSqlite : class, TStore
        where TMongo : class, TStore
    {
        services.AddSingleton<TSqlite>();
        services.AddSingleton<TMongo>();
        services.AddSingleton<TStore>(sp => sp.IsMongo()
            ? sp.GetRequiredService<TMongo>()
            : sp.GetRequiredService<TSqlite>());
        return services;
    }

    /// <summary>Adds DDL the SQLite provider runs at startup (idempotent statements only).</summary>
    public static IServiceCollection AddSqliteSchema(this IServiceCollection services, string name, string ddl)
        => services.AddSingleton(new SqliteSchema(name, ddl));

    /// <summary>Adds indexes the Mongo provider creates at startup when no index with the same keys exists.</summary>
    public static IServiceCollection AddMongoIndexes(this IServiceCollection services, MongoIndexSet indexes)
        => services.AddSingleton(indexes);

    internal static bool IsMongo(this IServiceProvider sp)
        => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Mongo;
}
