using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Stocks.Storage;
using SyncMonitor.Api.Modules.Stocks.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;

namespace SyncMonitor.UnitTests.Stocks;

/// <summary>The Mongo list aggregation and the SQLite fragments, checked without a server.</summary>
public sealed class StockListPipelineTests
{
    private static readonly IReadOnlyList<string> Priority = ["tushare", "demo", "demo_alt"];

    private static StockListQuery Query(string? source = null, string? sort = null, string? keyword = null, string? market = null)
        => StockListQuery.Parse(2, 10, market, null, keyword, source, sort);

    [Fact]
    public void The_keyword_becomes_an_escaped_case_insensitive_regex_on_code_or_name()
    {
        var filter = StockListPipeline.Filter(Query(keyword: "a.*(b)[c]$", market: "main"));

        filter["market"].AsString.Should().Be("主板");
        var alternatives = filter["$or"].AsBsonArray;
        alternatives.Select(a => a.AsBsonDocument.Names.Single()).Should().Equal("code", "name");
        var regex = alternatives[0]["code"].AsBsonRegularExpression;
        regex.Options.Should().Be("i");
        System.Text.RegularExpressions.Regex.IsMatch("xa.*(b)[c]$y", regex.Pattern).Should().BeTrue();
        System.Text.RegularExpressions.Regex.IsMatch("aXXb c", regex.Pattern).Should().BeFalse();
    }

    [Fact]
    public void Without_a_source_each_code_keeps_its_best_row_by_sort_and_group_first()
    {
        var stages = StockListPipeline.Build(Query(sort: "-total_mv"), Priority);

        stages.Select(s => s.Names.Single()).Should().Equal("$match", "$addFields", "$sort", "$group", "$replaceRoot", "$sort", "$facet");
        stages[1]["$addFields"]["_rank"]["$let"]["vars"]["i"]["$indexOfArray"][0].AsBsonArray.Select(v => v.AsString).Should().Equal(Priority);
        stages[2]["$sort"].AsBsonDocument.Should().BeEquivalentTo(new BsonDocument { ["code"] = 1, ["_rank"] = 1, ["source"] = 1 });
        stages[3]["$group"]["doc"].AsBsonDocument.Should().BeEquivalentTo(new BsonDocument("$first", "$$ROOT"));
        stages[5]["$sort"].AsBsonDocument.Should().BeEquivalentTo(new BsonDocument { ["total_mv"] = -1, ["code"] = 1 });
        var facet = stages[6]["$facet"];
        facet["items"][0]["$skip"].AsInt32.Should().Be(10);
        facet["items"][1]["$limit"].AsInt32.Should().Be(10);
        facet["total"][0]["$count"].AsString.Should().Be("n");
    }

    [Fact]
    public void With_a_source_no_grouping_is_needed_and_ascending_order_puts_missing_values_last()
    {
        var stages = StockListPipeline.Build(Query(source: "demo", sort: "pe"), Priority);

        stages.Select(s => s.Names.Single()).Should().Equal("$match", "$addFields", "$sort", "$facet");
        stages[0]["$match"]["source"].AsString.Should().Be("demo");
        stages[1]["$addFields"].AsBsonDocument.Names.Should().Equal("_missing");
        stages[2]["$sort"].AsBsonDocument.Should().BeEquivalentTo(new BsonDocument { ["_missing"] = 1, ["pe"] = 1, ["code"] = 1 });
    }

    [Fact]
    public void A_stored_stock_document_reads_back_with_the_sync_modules_extra_fields_ignored()
    {
        MongoConventions.Register();
        var stored = new StockBasic { Code = "000001", Symbol = "000001", Name = "平安银行", FullSymbol = "000001.SZ", Source = "demo", Pe = 5.5, UpdatedAt = DateTimeOffset.UnixEpoch }
            .ToBsonDocument().Add("_id", ObjectId.GenerateNewId()).Add("fencing_token", 7).Add("_rank", 0);

        var read = BsonSerializer.Deserialize<StockBasic>(stored);

        stored.Names.Should().Contain(["full_symbol", "updated_at", "pe"]);
        read.Should().BeEquivalentTo(new { Code = "000001", FullSymbol = "000001.SZ", Source = "demo", Pe = 5.5 });
    }

    [Fact]
    public void The_declared_mongo_indexes_cover_the_sorts_and_filters()
        => StocksStorageRegistration.MongoIndexes.Indexes.Select(i => i.Keys.ToString()).Should().Contain(
        [
            "{ \"pe\" : 1 }", "{ \"pb\" : 1 }", "{ \"source\" : 1, \"total_mv\" : 1 }", "{ \"market\" : 1, \"code\" : 1 }",
        ]);

    [Theory]
    [InlineData("abc", "%abc%")]
    [InlineData("100%", "%100\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("c:\\x", "%c:\\\\x%")]
    public void Sqlite_like_patterns_escape_the_wildcards(string keyword, string pattern)
        => StockListSql.LikeContains(keyword).Should().Be(pattern);

    [Theory]
    [InlineData("-total_mv", "a.total_mv DESC, a.code")]
    [InlineData("total_mv", "-a.total_mv DESC, a.code")]
    [InlineData("code", "a.code")]
    [InlineData("-code", "a.code DESC")]
    public void Sqlite_order_keeps_nulls_last_through_the_indexes(string sort, string orderBy)
    {
        StockSort.TryParse(sort, out var parsed);
        StockListSql.OrderBy(parsed!).Should().Be(orderBy);
    }

    [Fact]
    public void A_page_beyond_the_end_is_answered_without_reading_rows()
        => new StockRows([], 5).Items.Should().BeEmpty();
}
