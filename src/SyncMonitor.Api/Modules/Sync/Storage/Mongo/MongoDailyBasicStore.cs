using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

internal sealed class MongoDailyBasicStore : IDailyBasicStore
{
    private readonly IMongoCollection<BsonDocument> _raw;
    private readonly IMongoCollection<DailyBasic> _typed;
    private readonly MongoFencedWriter _writer;

    public MongoDailyBasicStore(MongoDatabaseProvider mongo, MongoFencedWriter writer)
    {
        SyncMongoMaps.Register();
        _raw = mongo.Collection<BsonDocument>(SyncMongoMaps.StockDailyBasic);
        _typed = mongo.Collection<DailyBasic>(SyncMongoMaps.StockDailyBasic);
        _writer = writer;
    }

    public static IReadOnlyList<(string Field, string Value)> KeyOf(DailyBasic row)
        => [("code", row.Code), ("trade_date", row.TradeDate), ("source", row.Source)];

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<DailyBasic> rows, long fencingToken, CancellationToken cancellationToken)
        => _writer.UpsertAsync(_raw, rows, fencingToken, KeyOf, cancellationToken);

    public Task<IReadOnlyList<UpsertResult>> UpsertGroupsAsync(IReadOnlyList<IReadOnlyList<DailyBasic>> groups, long fencingToken, CancellationToken cancellationToken)
        => _writer.UpsertGroupsAsync(_raw, groups, fencingToken, KeyOf, cancellationToken);

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

    public async Task<IReadOnlyList<DailyBasicDateSummary>> SummarizeTradeDatesAsync(IReadOnlyCollection<string> tradeDates, CancellationToken cancellationToken)
    {
        var groups = await _raw.AggregateAsync(SummaryPipeline(tradeDates), cancellationToken: cancellationToken);
        return (await groups.ToListAsync(cancellationToken))
            .Select(g => new DailyBasicDateSummary(
                g["_id"]["trade_date"].AsString,
                g["_id"]["source"].AsString,
                g["rows"].ToInt64(),
                new DateTimeOffset(g["newest"].ToUniversalTime(), TimeSpan.Zero)))
            .OrderBy(g => g.TradeDate, StringComparer.Ordinal).ThenBy(g => g.Source, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyDictionary<string, long>> CountCodesInSeveralSourcesAsync(IReadOnlyCollection<string> tradeDates, CancellationToken cancellationToken)
    {
        var groups = await _raw.AggregateAsync(SeveralSourcesPipeline(tradeDates), cancellationToken: cancellationToken);
        return (await groups.ToListAsync(cancellationToken)).ToDictionary(g => g["_id"].AsString, g => g["codes"].ToInt64(), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<string>> ListCodesAsync(string tradeDate, string source, CancellationToken cancellationToken)
    {
        var rows = await _raw.Find(new BsonDocument { { "trade_date", tradeDate }, { "source", source } })
            .Project(new BsonDocument { { "_id", 0 }, { "code", 1 } })
            .Sort(new BsonDocument("code", 1))
            .ToListAsync(cancellationToken);
        return rows.Select(r => r["code"].AsString).ToList();
    }

    /// <summary>Rows and newest <c>updated_at</c> per (trade_date, source), matched through the (trade_date, source) index.</summary>
    public static PipelineDefinition<BsonDocument, BsonDocument> SummaryPipeline(IReadOnlyCollection<string> tradeDates) => new BsonDocument[]
    {
        new("$match", new BsonDocument("trade_date", new BsonDocument("$in", new BsonArray(tradeDates)))),
        new("$group", new BsonDocument
        {
            { "_id", new BsonDocument { { "trade_date", "$trade_date" }, { "source", "$source" } } },
            { "rows", new BsonDocument("$sum", 1) },
            { "newest", new BsonDocument("$max", "$updated_at") },
        }),
    };

    /// <summary>Per trade date, the number of codes stored under more than one source.</summary>
    public static PipelineDefinition<BsonDocument, BsonDocument> SeveralSourcesPipeline(IReadOnlyCollection<string> tradeDates) => new BsonDocument[]
    {
        new("$match", new BsonDocument("trade_date", new BsonDocument("$in", new BsonArray(tradeDates)))),
        new("$group", new BsonDocument
        {
            { "_id", new BsonDocument { { "trade_date", "$trade_date" }, { "code", "$code" } } },
            { "sources", new BsonDocument("$sum", 1) },
        }),
        new("$match", new BsonDocument("sources", new BsonDocument("$gt", 1))),
        new("$group", new BsonDocument { { "_id", "$_id.trade_date" }, { "codes", new BsonDocument("$sum", 1) } }),
    };

    public async Task<long> DeleteAsync(IReadOnlyList<DailyBasicKey> keys, long? writtenWith, CancellationToken cancellationToken)
        => keys.Count == 0 ? 0 : (await _typed.DeleteManyAsync(DeleteFilter(keys, writtenWith), cancellationToken)).DeletedCount;

    /// <summary>One <c>{trade_date, source, code: {$in}}</c> clause per (trade date, source) — a compensation writes
    /// whole dates of one source, so this is usually one clause served by the (trade_date, source) index, where one
    /// clause per row made a thousand-branch <c>$or</c>.</summary>
    public static FilterDefinition<DailyBasic> DeleteFilter(IReadOnlyList<DailyBasicKey> keys, long? writtenWith)
    {
        var filter = Builders<DailyBasic>.Filter;
        var groups = keys.GroupBy(k => (k.TradeDate, k.Source))
            .Select(g => filter.Eq(d => d.TradeDate, g.Key.TradeDate) & filter.Eq(d => d.Source, g.Key.Source)
                & filter.In(d => d.Code, g.Select(k => k.Code).Distinct(StringComparer.Ordinal)))
            .ToList();
        var any = groups.Count == 1 ? groups[0] : filter.Or(groups);
        return writtenWith is { } token ? any & filter.Eq(MongoFencedWriter.FencingField, token) : any;
    }
}
