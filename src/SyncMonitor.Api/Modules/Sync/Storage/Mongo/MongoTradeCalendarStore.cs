using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

internal sealed class MongoTradeCalendarStore : ITradeCalendarStore
{
    private readonly IMongoCollection<TradeDayDocument> _days;

    public MongoTradeCalendarStore(MongoDatabaseProvider mongo)
    {
        SyncMongoMaps.Register();
        _days = mongo.Collection<TradeDayDocument>(SyncMongoMaps.TradeCalendar);
    }

    public async Task UpsertAsync(IReadOnlyList<TradeDay> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return;
        }

        var models = days.Select(day => new ReplaceOneModel<TradeDayDocument>(
            Builders<TradeDayDocument>.Filter.Eq(d => d.Exchange, day.Exchange) & Builders<TradeDayDocument>.Filter.Eq(d => d.CalDate, day.CalDate),
            new TradeDayDocument { Exchange = day.Exchange, CalDate = day.CalDate, IsOpen = day.IsOpen })
        { IsUpsert = true });
        await _days.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }

    public async Task<IReadOnlyList<TradeDay>> ListAsync(string exchange, string startDate, string endDate, CancellationToken cancellationToken)
    {
        var filter = Builders<TradeDayDocument>.Filter;
        var days = await _days.Find(filter.Eq(d => d.Exchange, exchange) & filter.Gte(d => d.CalDate, startDate) & filter.Lte(d => d.CalDate, endDate))
            .SortBy(d => d.CalDate).ToListAsync(cancellationToken);
        return days.Select(d => new TradeDay(d.Exchange, d.CalDate, d.IsOpen)).ToList();
    }
}
