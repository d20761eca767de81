using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Mongo;

/// <summary>Read-only queries over Sync's <c>stock_basic_info</c> / <c>stock_daily_basic</c> collections.</summary>
internal sealed class MongoStockReadStore : IStockReadStore
{
    public const string StockBasicInfo = "stock_basic_info";
    public const string StockDailyBasic = "stock_daily_basic";

    private readonly IMongoCollection<BsonDocument> _stocks;
    private readonly IMongoCollection<DailyBasic> _daily;
    private readonly IMongoCollection<StockBasic> _stocksTyped;

    public MongoStockReadStore(MongoDatabaseProvider mongo)
    {
        MongoConventions.Register();
        _stocks = mongo.Collection<BsonDocument>(StockBasicInfo);
        _stocksTyped = mongo.Collection<StockBasic>(StockBasicInfo);
        _daily = mongo.Collection<DailyBasic>(StockDailyBasic);
    }

    public async Task<StockRows> ListAsync(StockListQuery query, IReadOnlyList<string> priority, CancellationToken cancellationToken)
    {
        var pipeline = PipelineDefinition<BsonDocument, BsonDocument>.Create(StockListPipeline.Build(query, priority));
        var result = await (await _stocks.AggregateAsync(pipeline, new AggregateOptions { AllowDiskUse = true }, cancellationToken))
            .FirstOrDefaultAsync(cancellationToken);
        if (result is null)
        {
            return new StockRows([], 0);
        }

        var items = result["items"].AsBsonArray.Select(d => BsonSerializer.Deserialize<StockBasic>(d.AsBsonDocument)).ToList();
        var total = result["total"].AsBsonArray.FirstOrDefault()?.AsBsonDocument["n"].ToInt64() ?? 0;
        return new StockRows(items, total);
    }

    public async Task<IReadOnlyList<StockBasic>> GetByCodeAsync(string code, CancellationToken cancellationToken)
        => await _stocksTyped.Find(Builders<StockBasic>.Filter.Eq(s => s.Code, code)).SortBy(s => s.Source).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<DailyBasic>> GetLatestDailyAsync(string code, CancellationToken cancellationToken)
    {
        var byCode = Builders<DailyBasic>.Filter.Eq(d => d.Code, code);
        var newest = await _daily.Find(byCode).SortByDescending(d => d.TradeDate).Limit(1).FirstOrDefaultAsync(cancellationToken);
        return newest is null
            ? []
            : await _daily.Find(byCode & Builders<DailyBasic>.Filter.Eq(d => d.TradeDate, newest.TradeDate)).SortBy(d => d.Source).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DailyBasic>> ListDailyAsync(string code, string startDate, string endDate, CancellationToken cancellationToken)
    {
        var filter = Builders<DailyBasic>.Filter;
        return await _daily.Find(filter.Eq(d => d.Code, code) & filter.Gte(d => d.TradeDate, startDate) & filter.Lte(d => d.TradeDate, endDate))
            .SortBy(d => d.TradeDate).ThenBy(d => d.Source).ToListAsync(cancellationToken);
    }
}
