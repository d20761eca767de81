using System.Text.RegularExpressions;
using MongoDB.Bson;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Mongo;

/// <summary>The list as one aggregation: <c>$match</c> on the filters (index-backed), then — without a source filter —
/// <c>$sort</c> by code and source rank + <c>$group</c>/<c>$first</c> to keep each code's best row, then the requested
/// order (rows without a value last) and <c>$facet</c> for the page and the total in one round trip.</summary>
internal static class StockListPipeline
{
    public const string RankField = "_rank";
    public const string MissingField = "_missing";

    public static BsonDocument Filter(StockListQuery query)
    {
        var filter = new BsonDocument();
        if (query.Source is not null)
        {
            filter["source"] = query.Source;
        }

        if (query.Market is not null)
        {
            filter["market"] = query.Market;
        }

        if (query.Industry is not null)
        {
            filter["industry"] = query.Industry;
        }

        if (query.Keyword is not null)
        {
            // Regex.Escape makes every metacharacter literal; "i" matches SQLite's case-insensitive LIKE for ASCII.
            var literal = new BsonRegularExpression(Regex.Escape(query.Keyword), "i");
            filter["$or"] = new BsonArray { new BsonDocument("code", literal), new BsonDocument("name", literal) };
        }

        return filter;
    }

    public static IReadOnlyList<BsonDocument> Build(StockListQuery query, IReadOnlyList<string> priority)
    {
        var stages = new List<BsonDocument> { new("$match", Filter(query)) };
        if (query.Source is null)
        {
            var index = new BsonDocument("$indexOfArray", new BsonArray { new BsonArray(priority), "$source" });
            stages.Add(new BsonDocument("$addFields", new BsonDocument(RankField, new BsonDocument("$let", new BsonDocument
            {
                ["vars"] = new BsonDocument("i", index),
                ["in"] = new BsonDocument("$cond", new BsonArray { new BsonDocument("$lt", new BsonArray { "$$i", 0 }), priority.Count, "$$i" }),
            }))));
            stages.Add(new BsonDocument("$sort", new BsonDocument { ["code"] = 1, [RankField] = 1, ["source"] = 1 }));
            stages.Add(new BsonDocument("$group", new BsonDocument { ["_id"] = "$code", ["doc"] = new BsonDocument("$first", "$$ROOT") }));
            stages.Add(new BsonDocument("$replaceRoot", new BsonDocument("newRoot", "$doc")));
        }

        stages.AddRange(Order(query.Sort));
        stages.Add(new BsonDocument("$facet", new BsonDocument
        {
            ["items"] = new BsonArray
            {
                new BsonDocument("$skip", query.Offset),
                new BsonDocument("$limit", query.PageSize),
                new BsonDocument("$project", new BsonDocument { ["_id"] = 0, [RankField] = 0, [MissingField] = 0, ["fencing_token"] = 0 }),
            },
            ["total"] = new BsonArray { new BsonDocument("$count", "n") },
        }));
        return stages;
    }

    /// <summary>Mongo orders null and missing lowest, so descending already puts them last; ascending sorts on a
    /// "has no value" flag first. Ties by code.</summary>
    public static IReadOnlyList<BsonDocument> Order(StockSort sort)
    {
        if (sort.Field == StockSortField.Code)
        {
            return [new BsonDocument("$sort", new BsonDocument("code", sort.Descending ? -1 : 1))];
        }

        var field = sort.FieldName;
        if (sort.Descending)
        {
            return [new BsonDocument("$sort", new BsonDocument { [field] = -1, ["code"] = 1 })];
        }

        var missing = new BsonDocument("$cond", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$" + field, BsonNull.Value }), BsonNull.Value }),
            1,
            0,
        });
        return
        [
            new BsonDocument("$addFields", new BsonDocument(MissingField, missing)),
            new BsonDocument("$sort", new BsonDocument { [MissingField] = 1, [field] = 1, ["code"] = 1 }),
        ];
    }
}
