using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Mongo;

/// <summary>The unfiltered list read from the <c>best_of_code</c> flags the Sync store keeps (one flagged row per code):
/// a page is an index range scan — <c>{best_of_code, field, code}</c> in the sort's direction — instead of grouping every
/// document per request. Ascending sorts put rows without a value last, which MongoDB orders first, so such a page is
/// read in up to two parts: the rows with a value, then the rows without one, each in index order. Filtered lists
/// (source, market, industry, keyword) keep the grouping pipeline: their best row is chosen among matching rows only.</summary>
internal static class MaterializedStockList
{
    public const string Flag = "best_of_code";
    public const string StateCollection = "stock_best_source";
    public const string StateId = MongoStockReadStore.StockBasicInfo;

    private static readonly string[] SortFields = ["total_mv", "circ_mv", "pe", "pb"];

    public static bool Applies(StockListQuery query)
        => query.Source is null && query.Market is null && query.Industry is null && query.Keyword is null;

    public static BsonDocument Best => new(Flag, true);

    /// <summary>One find of a page: filter, sort, skip, limit.</summary>
    public sealed record Part(BsonDocument Filter, BsonDocument Sort, int Skip, int Limit);

    /// <summary>The finds that make one page. <paramref name="withValue"/> is how many flagged rows have a value in the
    /// sort field (asked only for ascending sorts on a field).</summary>
    public static IReadOnlyList<Part> Parts(StockSort sort, int offset, int size, long withValue)
    {
        if (sort.Field == StockSortField.Code)
        {
            return [new Part(Best, new BsonDocument("code", sort.Descending ? -1 : 1), offset, size)];
        }

        var field = sort.FieldName;
        if (sort.Descending)
        {
            return [new Part(Best, new BsonDocument { { field, -1 }, { "code", 1 } }, offset, size)];
        }

        var valued = new Part(HasValue(field), new BsonDocument { { field, 1 }, { "code", 1 } }, offset, (int)Math.Min(size, Math.Max(0, withValue - offset)));
        var missing = new Part(NoValue(field), new BsonDocument("code", 1), (int)Math.Max(0, offset - withValue), size - valued.Limit);
        return new[] { valued, missing }.Where(p => p.Limit > 0).ToList();
    }

    public static BsonDocument HasValue(string field) => new() { { Flag, true }, { field, new BsonDocument("$ne", BsonNull.Value) } };

    public static BsonDocument NoValue(string field) => new() { { Flag, true }, { field, BsonNull.Value } };

    /// <summary>An index per sort and direction with <c>code</c> last, so ties come in code order from the index too.</summary>
    public static IReadOnlyList<MongoIndexDefinition> Indexes { get; } =
    [
        new(new BsonDocument { { Flag, 1 }, { "code", 1 } }, "stocks_best_1_code_1"),
        .. SortFields.SelectMany(f => new[]
        {
            new MongoIndexDefinition(new BsonDocument { { Flag, 1 }, { f, 1 }, { "code", 1 } }, $"stocks_best_1_{f}_1_code_1"),
            new MongoIndexDefinition(new BsonDocument { { Flag, 1 }, { f, -1 }, { "code", 1 } }, $"stocks_best_1_{f}_-1_code_1"),
        }),
    ];
}
