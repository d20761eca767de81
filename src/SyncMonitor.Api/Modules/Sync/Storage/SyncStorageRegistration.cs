using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage;

internal static class SyncStorageRegistration
{
    /// <summary>The Sync module's stores for both providers, the SQLite schema and the Mongo indexes of SPEC §2.</summary>
    public static IServiceCollection AddSyncStorage(this IServiceCollection services)
    {
        services.AddStore<ISyncLeaseStore, SqliteSyncLeaseStore, MongoSyncLeaseStore>();
        services.AddSingleton<MongoFencedWriter>();
        services.AddSingleton<MongoBestSourceFlags>();
        services.AddStore<ISyncRunStore, SqliteSyncRunStore, MongoSyncRunStore>();
        services.AddSingleton<ISyncRunReader>(sp => sp.GetRequiredService<ISyncRunStore>());
        services.AddStore<IStockBasicStore, SqliteStockBasicStore, MongoStockBasicStore>();
        services.AddSingleton<IStockBasicReader>(sp => sp.GetRequiredService<IStockBasicStore>());
        services.AddStore<IDailyBasicStore, SqliteDailyBasicStore, MongoDailyBasicStore>();
        services.AddStore<ITradeCalendarStore, SqliteTradeCalendarStore, MongoTradeCalendarStore>();
        services.AddSingleton(new SqliteSchema("sync", SyncSqliteSchema.Ddl, SyncSqliteSchema.Migrations));
        foreach (var indexes in MongoIndexes)
        {
            services.AddMongoIndexes(indexes);
        }

        return services;
    }

    public static readonly IReadOnlyList<MongoIndexSet> MongoIndexes =
    [
        // Lookups by code use the unique (code, source) index and by source the Stocks module's (source, …) ones, so
        // the single-field indexes of earlier versions only slowed writes down.
        new(SyncMongoMaps.StockBasicInfo,
        [
            Index("code_1_source_1", unique: true, ("code", 1), ("source", 1)),
            Index("total_mv_1", unique: false, ("total_mv", 1)),
            Index("circ_mv_1", unique: false, ("circ_mv", 1)),
        ])
        {
            Retired = [Index("code_1", unique: false, ("code", 1)), Index("source_1", unique: false, ("source", 1))],
        },
        new(SyncMongoMaps.StockDailyBasic,
        [
            Index("code_1_trade_date_1_source_1", unique: true, ("code", 1), ("trade_date", 1), ("source", 1)),
            Index("trade_date_1_source_1", unique: false, ("trade_date", 1), ("source", 1)),
        ]),
        new(SyncMongoMaps.TradeCalendar, [Index("exchange_1_cal_date_1", unique: true, ("exchange", 1), ("cal_date", 1))]),
        new(SyncMongoMaps.SyncStatus,
        [
            Index("started_at_-1", unique: false, ("started_at", -1)),
            Index("job_1_started_at_-1", unique: false, ("job", 1), ("started_at", -1)),
            Index("status_1", unique: false, ("status", 1)),
        ]),
    ];

    private static MongoIndexDefinition Index(string name, bool unique, params (string Field, int Direction)[] keys)
        => new(new BsonDocument(keys.Select(k => new BsonElement(k.Field, k.Direction))), name, unique);
}
