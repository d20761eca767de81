using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Mongo;

/// <summary>Read-only queries over Sync's <c>stock_basic_info</c> / <c>stock_daily_basic</c> collections. The unfiltered
/// list reads the best-source flags Sync keeps (<see cref="MaterializedStockList"/>) while they choose as the caller's
/// priority does; otherwise, and for filtered lists, one aggregation (<see cref="StockListPipeline"/>).</summary>
internal sealed class MongoStockReadStore : IStockReadStore
{
    public const string StockBasicInfo = "stock_basic_info";
    public const string StockDailyBasic = "stock_daily_basic";

    private readonly IMongoCollection<BsonDocument> _stocks;
    private readonly IMongoCollection<DailyBasic> _daily;
    private readonly IMongoCollection<StockBasic> _stocksTyped;
    private readonly IMongoCollection<BsonDocument> _state;

    public MongoStockReadStore(MongoDatabaseProvider mongo)
    {
        MongoConventions.Register();
        _stocks = mongo.Collection<BsonDocument>(StockBasicInfo);
        _stocksTyped = mongo.Collection<StockBasic>(StockBasicInfo);
        _daily = mongo.Collection<DailyBasic>(StockDailyBasic);
        _state = mongo.Collection<BsonDocument>(MaterializedStockList.StateCollection);
    }

    public async Task<StockRows> ListAsync(StockListQuery query, IReadOnlyList<string> priority, CancellationToken cancellationToken)
    {
        if (MaterializedStockList.Applies(query) && await FlagsChooseAsync(priority, cancellationToken))
        {
            return await ListFlaggedAsync(query, cancellationToken);
        }

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

    /// <summary>Whether the flags were built under an order that picks the same best source as <paramref name="priority"/>
    /// among the sources that have rows (a source without rows changes nothing).</summary>
    private async Task<bool> FlagsChooseAsync(IReadOnlyList<string> priority, CancellationToken cancellationToken)
    {
        var state = await _state.Find(new BsonDocument("_id", MaterializedStockList.StateId)).FirstOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            return false;
        }

        var present = await (await _stocksTyped.DistinctAsync(s => s.Source, FilterDefinition<StockBasic>.Empty, cancellationToken: cancellationToken))
            .ToListAsync(cancellationToken);
        return SourceRanking.ChooseAlike(state["order"].AsBsonArray.Select(v => v.AsString).ToList(), priority, present);
    }

    private async Task<StockRows> ListFlaggedAsync(StockListQuery query, CancellationToken cancellationToken)
    {
        var total = await _stocks.CountDocumentsAsync(MaterializedStockList.Best, cancellationToken: cancellationToken);
        var withValue = query.Sort.Field != StockSortField.Code && !query.Sort.Descending
            ? await _stocks.CountDocumentsAsync(MaterializedStockList.HasValue(query.Sort.FieldName), cancellationToken: cancellationToken)
            : total;
        var items = new List<StockBasic>();
        foreach (var part in MaterializedStockList.Parts(query.Sort, query.Offset, query.PageSize, withValue))
        {
            items.AddRange(await _stocksTyped.Find(part.Filter).Sort(part.Sort).Skip(part.Skip).Limit(part.Limit).ToListAsync(cancellationToken));
        }

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
