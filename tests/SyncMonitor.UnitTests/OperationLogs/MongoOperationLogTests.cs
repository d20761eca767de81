using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.UnitTests.OperationLogs;

/// <summary>The Mongo store's documents, filters, indexes and aggregation, checked without a server.</summary>
public sealed class MongoOperationLogTests
{
    public MongoOperationLogTests() => MongoConventions.Register();

    private static BsonDocument Render(FilterDefinition<OperationLogDocument> filter)
        => filter.Render(new RenderArgs<OperationLogDocument>(
            BsonSerializer.SerializerRegistry.GetSerializer<OperationLogDocument>(), BsonSerializer.SerializerRegistry));

    [Fact]
    public void An_entry_round_trips_through_bson_with_dates_details_and_search_text()
    {
        var entry = Fakes.Entry(1) with
        {
            Details = new JsonObject { ["query"] = new JsonObject { ["force"] = "true" }, ["说明"] = "同步", ["n"] = 3 },
            ErrorMessage = "boom",
            DurationMs = 12,
            IpAddress = "198.51.100.7",
            CreatedAt = Fakes.T0.AddMinutes(1),
        };

        var bson = OperationLogDocument.From(entry).ToBsonDocument();

        bson.Names.Should().Contain(["_id", "user_id", "username", "action_type", "action", "details", "success", "error_message",
            "duration_ms", "ip_address", "user_agent", "session_id", "timestamp", "created_at", "search_text"]);
        bson["created_at"].BsonType.Should().Be(BsonType.DateTime, "the TTL index only expires dates");
        bson["details"]["query"]["force"].AsString.Should().Be("true");
        bson["search_text"].AsString.Should().Contain(entry.Action).And.Contain("同步");
        var back = BsonSerializer.Deserialize<OperationLogDocument>(bson).ToEntry();
        back.Details.ToJsonString().Should().Be(entry.Details.ToJsonString());
        back.Should().BeEquivalentTo(entry, o => o.Excluding(e => e.Details));
    }

    private static OperationLog RoundTrip(OperationLog entry)
    {
        var bytes = OperationLogDocument.From(entry).ToBson();
        return BsonSerializer.Deserialize<OperationLogDocument>(bytes).ToEntry();
    }

    [Fact]
    public void Details_keys_that_read_as_extended_json_are_stored_as_literal_field_names_and_round_trip()
    {
        // What a refused anonymous "POST /api/anything?$date=x&$oid=y" puts into details: query keys as sent.
        var details = JsonNode.Parse("""
            { "query": { "$date": "x", "$oid": "y", "$numberLong": "z", "$regex": "a", "a.b": "dotted" },
              "$binary": { "base64": "nope", "subType": "00" }, "route": { "$ref": "r", "$id": 1 } }
            """)!.AsObject();
        var entry = Fakes.Entry(1) with { Details = details };

        var bson = OperationLogDocument.From(entry).ToBsonDocument();

        bson["details"]["query"]["$date"].AsString.Should().Be("x");
        bson["details"]["query"]["a.b"].AsString.Should().Be("dotted");
        bson["details"]["$binary"]["base64"].AsString.Should().Be("nope");
        JsonNode.DeepEquals(RoundTrip(entry).Details, details).Should().BeTrue();
    }

    [Fact]
    public void Details_numbers_keep_their_value_in_bson_including_integers_beyond_int64()
    {
        var details = JsonNode.Parse("""
            { "small": 5, "long": 9007199254740993, "big": 123456789012345678901234567890, "negative_big": -9223372036854775809,
              "fraction": 0.1, "exp": 1.5e3 }
            """)!.AsObject();
        var entry = Fakes.Entry(1) with { Details = details };

        var stored = OperationLogDocument.From(entry).ToBsonDocument()["details"].AsBsonDocument;

        stored["small"].BsonType.Should().Be(BsonType.Int32);
        stored["long"].BsonType.Should().Be(BsonType.Int64);
        stored["big"].BsonType.Should().Be(BsonType.Decimal128);
        stored["negative_big"].BsonType.Should().Be(BsonType.Decimal128);
        stored["fraction"].AsDouble.Should().Be(0.1);
        var back = RoundTrip(entry).Details;
        back["big"]!.ToJsonString().Should().Be("123456789012345678901234567890");
        back["negative_big"]!.ToJsonString().Should().Be("-9223372036854775809");
        back["long"]!.GetValue<long>().Should().Be(9007199254740993);
        back["fraction"]!.GetValue<double>().Should().Be(0.1);
        back["exp"]!.GetValue<double>().Should().Be(1500);
    }

    [Fact]
    public void Details_bson_cannot_hold_without_loss_are_stored_as_their_json_text_and_still_read_back()
    {
        var tooBig = JsonNode.Parse("""{ "n": 1234567890123456789012345678901234567890 }""")!.AsObject();

        foreach (var unrepresentable in new[] { JsonNode.Parse("""{ "a\u0000b": 1 }""")!.AsObject(), tooBig, JsonNode.Parse("""{ "x": 1e400 }""")!.AsObject() })
        {
            var entry = Fakes.Entry(1) with { Details = unrepresentable };
            OperationLogDocument.From(entry).ToBsonDocument()["details"].BsonType.Should().Be(BsonType.String);
            JsonNode.DeepEquals(RoundTrip(entry).Details, unrepresentable).Should().BeTrue(unrepresentable.ToJsonString());
        }
    }

    [Fact]
    public void Filters_render_to_index_friendly_equality_and_range_clauses()
    {
        var rendered = Render(MongoOperationLogQueries.Matching(new OperationLogFilter
        {
            From = Fakes.T0,
            Until = Fakes.T0.AddDays(1),
            ActionType = "sync",
            Success = false,
            UserId = "u-admin",
        }));

        (rendered == BsonDocument.Parse("""
            { "timestamp": { "$gte": { "$date": "2025-03-10T08:00:00Z" }, "$lt": { "$date": "2025-03-11T08:00:00Z" } },
              "action_type": "sync", "success": false, "user_id": "u-admin" }
            """)).Should().BeTrue(rendered.ToJson());
        Render(MongoOperationLogQueries.Matching(OperationLogFilter.All)).ElementCount.Should().Be(0);
    }

    [Theory]
    [InlineData("(a+)+$", @"\(a\+\)\+\$")]
    [InlineData(".*", @"\.\*")]
    [InlineData("'; DROP", @"';\ DROP")]
    public void A_keyword_becomes_an_escaped_case_insensitive_literal(string keyword, string pattern)
    {
        var rendered = Render(MongoOperationLogQueries.Matching(new OperationLogFilter { Keyword = keyword }));

        var regex = rendered["search_text"].AsBsonRegularExpression;
        regex.Pattern.Should().Be(pattern);
        regex.Options.Should().Be("i");
    }

    [Fact]
    public void A_keyword_that_json_escapes_differently_also_matches_its_escaped_form()
    {
        var rendered = Render(MongoOperationLogQueries.Matching(new OperationLogFilter { Keyword = "a\"b" }));

        rendered["$or"].AsBsonArray.Select(c => c["search_text"].AsBsonRegularExpression.Pattern)
            .Should().Equal("a\"b", "a\\\\\"b");
    }

    [Fact]
    public void Indexes_are_the_spec_ones_with_the_retention_as_ttl()
    {
        var set = MongoOperationLogQueries.Indexes(retentionDays: 30);

        set.Collection.Should().Be("operation_logs");
        set.Indexes.Select(i => i.Keys.ToJson()).Should().Equal(
            """{ "timestamp" : -1 }""",
            """{ "action_type" : 1, "timestamp" : -1 }""",
            """{ "user_id" : 1, "timestamp" : -1 }""",
            """{ "created_at" : 1 }""");
        set.Indexes.Single(i => i.ExpireAfter is not null).ExpireAfter.Should().Be(TimeSpan.FromDays(30));
    }

    [Fact]
    public void Stats_are_one_aggregation_grouping_in_the_server_and_its_result_is_read_back()
    {
        var pipeline = MongoOperationLogQueries.StatsPipeline(Fakes.T0, 10);

        pipeline.Select(stage => stage.GetElement(0).Name).Should().Equal("$match", "$facet");
        pipeline[1]["$facet"].AsBsonDocument.Names.Should().BeEquivalentTo("totals", "by_action_type", "by_day", "top_users");
        var stats = MongoOperationLogStats.Read(BsonDocument.Parse("""
            { "totals": [ { "_id": null, "count": 4, "success": 3, "avg_duration": 200.123 } ],
              "by_action_type": [ { "_id": "sync", "count": 3, "success": 2 }, { "_id": "export", "count": 1, "success": 1 } ],
              "by_day": [ { "_id": "2025-03-10", "count": 4, "success": 3 } ],
              "top_users": [ { "_id": "u-operator", "username": "Otto Operator", "count": 4 } ] }
            """));
        stats.Should().BeEquivalentTo(new
        {
            Total = 4L,
            Success = 3L,
            Failed = 1L,
            SuccessRate = 75.0,
            AvgDurationMs = 200.12,
        });
        stats.ByActionType.Should().Equal(new ActionTypeCount("sync", 3, 2), new ActionTypeCount("export", 1, 1));
        MongoOperationLogStats.Read(BsonDocument.Parse("""{ "totals": [], "by_action_type": [], "by_day": [], "top_users": [] }"""))
            .Total.Should().Be(0);
    }
}
