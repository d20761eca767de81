using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

internal sealed class MongoDailyBasicStore : IDailyBasicStore
{
    private readonly IMongoCollection<BsonDocument> _raw;
    private readonly IMongoCollection<DailyBasic> _typed;
    private readonly MongoSyncLeaseStore _leases;

    public MongoDailyBasicStore(MongoDatabaseProvider mongo, MongoSyncLeaseStore leases)
    {
        SyncMongoMaps.Register();
        _raw = mongo.Collection<BsonDocument>(SyncMongoMaps.StockDailyBasic);
        _typed = mongo.Collection<DailyBasic>(SyncMongoMaps.StockDailyBasic);
        _leases = leases;
    }

    public static IReadOnlyList<(string Field, string Value)> KeyOf(DailyBasic row)
        => [("code", row.Code), ("trade_date", row.TradeDate), ("source", row.Source)];

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<DailyBasic> rows, long fencingToken, CancellationToken cancellationToken)
        => MongoFencedWriter.UpsertAsync(_raw, _leases, rows, fencingToken, KeyOf, cancellationToken);

    /// <summary>Counted by the server with a $group over the (trade_date, source) index.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByTradeDateAsync(string startDate, string endDate, string? source, CancellationToken cancellationToken)
    {
        var filter = Builders<DailyBasic>.Filter.Gte(d => d.TradeDate, startDate) & Builders<DailyBasic>.Filter.Lte(d => d.TradeDate, endDate);
        if (source is not null)
        {
            filter &= Builders<DailyBasic>.Filter.Eq(d => d.Source, source);
        }

        var groups = await _typed.Aggregate().Match(filter)
            .Group(d => d.TradeDate, g => new { TradeDate = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return groups.ToDictionary(g => g.TradeDate, g => g.Count, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<DailyBasic>> ListAsync(string code, string startDate, string endDate, CancellationToken cancellationToken)
    {
        var filter = Builders<DailyBasic>.Filter;
        return await _typed.Find(filter.Eq(d => d.Code, code) & filter.Gte(d => d.TradeDate, startDate) & filter.Lte(d => d.TradeDate, endDate))
            .SortBy(d => d.TradeDate).ThenBy(d => d.Source).ToListAsync(cancellationToken);
    }

    public async Task<long> DeleteAsync(IReadOnlyList<DailyBasicKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        var filter = Builders<DailyBasic>.Filter;
        var any = filter.Or(keys.Select(k => filter.Eq(d => d.Code, k.Code) & filter.Eq(d => d.TradeDate, k.TradeDate) & filter.Eq(d => d.Source, k.Source)));
        return (await _typed.DeleteManyAsync(any, cancellationToken)).DeletedCount;
    }
}
