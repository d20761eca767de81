using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>The filters, sort, indexes and aggregation of the Mongo store, as values that unit tests render
/// without a server.</summary>
internal static class MongoOperationLogQueries
{
    public const string Collection = "operation_logs";

    private static readonly FilterDefinitionBuilder<OperationLogDocument> Filter = Builders<OperationLogDocument>.Filter;

    public static SortDefinition<OperationLogDocument> NewestFirst { get; } =
        Builders<OperationLogDocument>.Sort.Descending(d => d.Timestamp);

    public static FilterDefinition<OperationLogDocument> Matching(OperationLogFilter filter)
    {
        var clauses = new List<FilterDefinition<OperationLogDocument>>();
        if (filter.From is { } from)
        {
            clauses.Add(Filter.Gte(d => d.Timestamp, MongoTimeBounds.CeilingUtc(from)));
        }

        if (filter.Until is { } until)
        {
            clauses.Add(Filter.Lt(d => d.Timestamp, MongoTimeBounds.CeilingUtc(until)));
        }

        if (filter.ActionType is { } actionType)
        {
            clauses.Add(Filter.Eq(d => d.ActionType, actionType));
        }

        if (filter.Success is { } success)
        {
            clauses.Add(Filter.Eq(d => d.Success, success));
        }

        if (filter.UserId is { } userId)
        {
            clauses.Add(Filter.Eq(d => d.UserId, userId));
        }

        if (!string.IsNullOrEmpty(filter.Keyword))
        {
            // Escaped, the keyword is a literal: no operator of it can backtrack or widen the match. The details part
            // of the search text is JSON, where the keyword may appear JSON-escaped.
            var plain = Filter.Regex(d => d.SearchText, Literal(filter.Keyword));
            var encoded = DetailsJson.EncodeFragment(filter.Keyword);
            clauses.Add(encoded == filter.Keyword ? plain : Filter.Or(plain, Filter.Regex(d => d.SearchText, Literal(encoded))));
        }

        return clauses.Count == 0 ? Filter.Empty : Filter.And(clauses);
    }

    private static BsonRegularExpression Literal(string text) => new(Regex.Escape(text), "i");

    public static FilterDefinition<OperationLogDocument> TimestampBefore(DateTimeOffset before, string? actionType)
        => actionType is null
            ? Filter.Lt(d => d.Timestamp, MongoTimeBounds.CeilingUtc(before))
            : Filter.And(Filter.Lt(d => d.Timestamp, MongoTimeBounds.CeilingUtc(before)), Filter.Eq(d => d.ActionType, actionType));

    public static FilterDefinition<OperationLogDocument> CreatedBefore(DateTimeOffset cutoff)
        => Filter.Lt(d => d.CreatedAt, MongoTimeBounds.CeilingUtc(cutoff));

    /// <summary>The spec's indexes; the TTL on <c>created_at</c> is the retention.</summary>
    public static MongoIndexSet Indexes(int retentionDays) => new(Collection,
    [
        new MongoIndexDefinition(new BsonDocument("timestamp", -1), "timestamp_-1"),
        new MongoIndexDefinition(new BsonDocument { { "action_type", 1 }, { "timestamp", -1 } }, "action_type_1_timestamp_-1"),
        new MongoIndexDefinition(new BsonDocument { { "user_id", 1 }, { "timestamp", -1 } }, "user_id_1_timestamp_-1"),
        new MongoIndexDefinition(new BsonDocument("created_at", 1), "created_at_ttl", ExpireAfter: TimeSpan.FromDays(retentionDays)),
    ]);

    /// <summary>One aggregation: totals, per action type, per UTC day and top users since <paramref name="since"/>.</summary>
    public static BsonDocument[] StatsPipeline(DateTimeOffset since, int topUsers) =>
    [
        new("$match", new BsonDocument("timestamp", new BsonDocument("$gte", MongoTimeBounds.CeilingUtc(since)))),
        new("$facet", new BsonDocument
        {
            ["totals"] = new BsonArray
            {
                new BsonDocument("$group", new BsonDocument
                {
                    ["_id"] = BsonNull.Value,
                    ["count"] = new BsonDocument("$sum", 1),
                    ["success"] = SuccessCount(),
                    ["avg_duration"] = new BsonDocument("$avg", "$duration_ms"),
                }),
            },
            ["by_action_type"] = new BsonArray
            {
                new BsonDocument("$group", new BsonDocument
                {
                    ["_id"] = "$action_type",
                    ["count"] = new BsonDocument("$sum", 1),
                    ["success"] = SuccessCount(),
                }),
                new BsonDocument("$sort", new BsonDocument { { "count", -1 }, { "_id", 1 } }),
            },
            ["by_day"] = new BsonArray
            {
                new BsonDocument("$group", new BsonDocument
                {
                    // Days of the operators' calendar (Asia/Shanghai, as SQLite's '+8 hours'), not UTC days.
                    ["_id"] = new BsonDocument("$dateToString", new BsonDocument
                    {
                        { "format", "%Y-%m-%d" }, { "date", "$timestamp" }, { "timezone", "Asia/Shanghai" },
                    }),
                    ["count"] = new BsonDocument("$sum", 1),
                    ["success"] = SuccessCount(),
                }),
                new BsonDocument("$sort", new BsonDocument("_id", 1)),
            },
            ["top_users"] = new BsonArray
            {
                new BsonDocument("$group", new BsonDocument
                {
                    ["_id"] = "$user_id",
                    ["username"] = new BsonDocument("$max", "$username"),
                    ["count"] = new BsonDocument("$sum", 1),
                }),
                new BsonDocument("$sort", new BsonDocument { { "count", -1 }, { "_id", 1 } }),
                new BsonDocument("$limit", topUsers),
            },
        }),
    ];

    private static BsonDocument SuccessCount()
        => new("$sum", new BsonDocument("$cond", new BsonArray { "$success", 1, 0 }));
}
