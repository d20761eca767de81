using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Stocks.Storage;

internal static class StocksStorageRegistration
{
    /// <summary>The read store for both providers plus the indexes the list's sorts and filters need. The tables
    /// belong to the Sync module (whose schema is registered first); these statements only add indexes.</summary>
    public static IServiceCollection AddStocksStorage(this IServiceCollection services)
    {
        services.AddStore<IStockReadStore, SqliteStockReadStore, MongoStockReadStore>();
        services.AddSqliteSchema("stocks", StocksSqliteSchema.Ddl);
        services.AddMongoIndexes(MongoIndexes);
        return services;
    }

    /// <summary>Sort fields alone (any source) and behind <c>source</c> (one source); market and industry filters.</summary>
    public static readonly MongoIndexSet MongoIndexes = new(MongoStockReadStore.StockBasicInfo,
    [
        Index("stocks_pe_1", ("pe", 1)),
        Index("stocks_pb_1", ("pb", 1)),
        Index("stocks_source_1_total_mv_1", ("source", 1), ("total_mv", 1)),
        Index("stocks_source_1_circ_mv_1", ("source", 1), ("circ_mv", 1)),
        Index("stocks_source_1_pe_1", ("source", 1), ("pe", 1)),
        Index("stocks_source_1_pb_1", ("source", 1), ("pb", 1)),
        Index("stocks_market_1_code_1", ("market", 1), ("code", 1)),
        Index("stocks_industry_1_code_1", ("industry", 1), ("code", 1)),
        .. MaterializedStockList.Indexes,
    ]);

    private static MongoIndexDefinition Index(string name, params (string Field, int Direction)[] keys)
        => new(new BsonDocument(keys.Select(k => new BsonElement(k.Field, k.Direction))), name);
}
