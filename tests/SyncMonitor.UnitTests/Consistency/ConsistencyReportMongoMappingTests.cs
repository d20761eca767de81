using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using static SyncMonitor.UnitTests.Consistency.Rows;

namespace SyncMonitor.UnitTests.Consistency;

/// <summary>The Mongo side of the report store, checked without a server.</summary>
public sealed class ConsistencyReportMongoMappingTests
{
    private const string ReportId = "65f000000000000000000001";

    public ConsistencyReportMongoMappingTests() => MongoConventions.Register();

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static readonly ConsistencyComparison Comparison = ConsistencyChecker.Compare(
        [Stock("000001"), Stock("000002", pe: null), Stock("600000")],
        [Stock("000001", "b", pe: 40), Stock("000002", "b"), Stock("300001", "b")]);

    private static ConsistencyReport Report => new(ReportId, "a", "b", Now, "u-operator", 3, true, Comparison.Summary,
        Comparison.OnlyInPrimary, Comparison.OnlyInSecondary, [new ResolutionRecord("average", Now.AddMinutes(1), "u-admin", 2, 0, 1)]);

    [Fact]
    public void A_report_document_round_trips_with_snake_case_names()
    {
        var bson = ConsistencyReportDocument.From(Report).ToBsonDocument();
        var back = BsonSerializer.Deserialize<ConsistencyReportDocument>(bson).ToReport();

        bson.Names.Should().Contain(["_id", "primary_source", "secondary_source", "checked_at", "checked_by", "requested_codes",
            "synthetic", "summary", "only_in_primary", "only_in_secondary", "resolutions"]);
        bson["checked_at"].BsonType.Should().Be(BsonType.DateTime);
        bson["summary"]["mismatches_by_metric"]["pe"].AsInt32.Should().Be(1);
        bson["resolutions"][0]["resolved_by"].AsString.Should().Be("u-admin");
        back.Should().BeEquivalentTo(Report);
    }

    [Fact]
    public void A_stock_document_round_trips_with_its_differences_and_resolution()
    {
        var stock = Comparison.Stocks[0] with { Resolution = new StockResolution("primary", false, new Dictionary<string, double?> { ["pe"] = 20, ["pb"] = null }, Now, "u") };

        var bson = ConsistencyStockDocument.From(Report, stock).ToBsonDocument();
        var document = BsonSerializer.Deserialize<ConsistencyStockDocument>(bson);

        bson["_id"].AsString.Should().Be(ReportId + ":000001");
        bson.Names.Should().Contain(["report_id", "code", "primary_source", "secondary_source", "checked_at", "is_consistent",
            "confidence", "recommended_action", "differences", "resolution"]);
        bson["differences"]["pe"]["relative_difference"].AsDouble.Should().Be(0.5);
        bson["differences"]["pe"]["within_tolerance"].AsBoolean.Should().BeFalse();
        bson["resolution"]["chosen"]["pb"].IsBsonNull.Should().BeTrue();
        document.ToStock().Should().BeEquivalentTo(stock);
        document.ToVerdict().Should().Match<Api.Modules.Consistency.ConsistencyVerdict>(v => v.ReportId == ReportId && v.Code == "000001"
            && v.PrimarySource == "a" && v.SecondarySource == "b" && v.CheckedAt == Now && !v.IsConsistent && v.Confidence == 0.75);
        document.ToVerdict().RelativeDifferenceByMetric["pe"].Should().Be(0.5);
    }

    [Fact]
    public void An_unresolved_stock_has_no_resolution_field()
        => ConsistencyStockDocument.From(Report, Comparison.Stocks[1]).ToBsonDocument().Names.Should().NotContain("resolution");

    [Fact]
    public void Stock_pages_and_verdicts_use_the_indexed_fields()
    {
        var inconsistent = ConsistencyReportMongoQueries.StocksOf(ReportId, onlyInconsistent: true).Render(Args<ConsistencyStockDocument>());
        var some = ConsistencyReportMongoQueries.StocksOf(ReportId, ["000001", "000002"]).Render(Args<ConsistencyStockDocument>());
        var verdict = ConsistencyReportMongoQueries.VerdictsFor("000001").Render(Args<ConsistencyStockDocument>());
        var newest = ConsistencyReportMongoQueries.NewestVerdictFirst.Render(Args<ConsistencyStockDocument>());

        inconsistent.Should().BeEquivalentTo(new BsonDocument { { "report_id", ReportId }, { "is_consistent", false } });
        some.ToString().Should().Contain("\"code\" : { \"$in\" : [\"000001\", \"000002\"] }");
        verdict.Should().BeEquivalentTo(new BsonDocument("code", "000001"));
        newest.Should().BeEquivalentTo(new BsonDocument { { "checked_at", -1 }, { "report_id", -1 } });
        ConsistencyReportSchema.MongoStockIndexes.Indexes.Select(i => i.Keys).Should().ContainEquivalentOf(
            new BsonDocument { { "code", 1 }, { "checked_at", -1 }, { "report_id", -1 } }, "the verdict sort is served by this index");
    }

    [Fact]
    public void A_resolve_pushes_its_record_and_sets_each_stock_by_id()
    {
        var push = ConsistencyReportMongoQueries.AppendResolution(Report.Resolutions[0]).Render(Args<ConsistencyReportDocument>()).AsBsonDocument;
        var set = ConsistencyReportMongoQueries.SetResolution(ReportId, "000001",
            new StockResolution("investigate", true, new Dictionary<string, double?>(), Now, "u"));

        push["$push"]["resolutions"]["strategy"].AsString.Should().Be("average");
        set.Filter.Render(Args<ConsistencyStockDocument>()).Should().BeEquivalentTo(new BsonDocument("_id", ReportId + ":000001"));
        set.Update.Render(Args<ConsistencyStockDocument>()).AsBsonDocument["$set"]["resolution"]["flagged"].AsBoolean.Should().BeTrue();
    }

    [Fact]
    public void The_report_list_leaves_out_the_code_lists_and_sorts_newest_first()
    {
        var projection = ConsistencyReportMongoQueries.WithoutCodeLists.Render(Args<ConsistencyReportDocument>());
        var sort = ConsistencyReportMongoQueries.NewestReportsFirst.Render(Args<ConsistencyReportDocument>());

        projection.Should().BeEquivalentTo(new BsonDocument { { "only_in_primary", 0 }, { "only_in_secondary", 0 } });
        sort.Should().BeEquivalentTo(new BsonDocument { { "checked_at", -1 }, { "_id", -1 } });
        ConsistencyReportSchema.MongoReportIndexes.Indexes.Single().Keys.Should().BeEquivalentTo(sort);
    }

    [Fact]
    public void Retention_deletes_by_check_time_in_both_collections()
    {
        var reports = ConsistencyReportMongoQueries.ReportsCheckedBefore(Now).Render(Args<ConsistencyReportDocument>()).ToString();
        var stocks = ConsistencyReportMongoQueries.StocksCheckedBefore(Now).Render(Args<ConsistencyStockDocument>()).ToString();

        reports.Should().Be("{ \"checked_at\" : { \"$lt\" : { \"$date\" : \"2025-03-05T12:00:00Z\" } } }");
        stocks.Should().Be(reports);
    }

    [Fact]
    public void A_full_size_report_stays_far_below_the_mongo_document_limit()
    {
        // 10,000 codes on one side only (the most one check may name) plus a summary: the report document.
        var codes = Enumerable.Range(0, 10_000).Select(i => (600000 + i).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var big = Report with { OnlyInPrimary = codes, OnlyInSecondary = codes };
        var stockBytes = ConsistencyStockDocument.From(Report, Comparison.Stocks[0]).ToBson().Length;

        ConsistencyReportDocument.From(big).ToBson().Length.Should().BeLessThan(1_000_000);
        stockBytes.Should().BeLessThan(2_000, "one per-stock entry; 10,000 of them would be ~{0} bytes in one document", stockBytes * 10_000);
    }

    [Fact]
    public void Readers_see_a_per_stock_resolution_only_when_the_report_records_one_made_at_that_time()
    {
        var resolved = ConsistencyStockDocument.From(Report, Comparison.Stocks[0] with
        {
            Resolution = new StockResolution("average", false, new Dictionary<string, double?>(), Now.AddMinutes(5), "u-admin"),
        });

        ConsistencyReportMongoQueries.WithRecordedResolution(resolved, new HashSet<DateTimeOffset> { Now.AddMinutes(5) }).Resolution.Should().NotBeNull();
        ConsistencyReportMongoQueries.WithRecordedResolution(resolved, new HashSet<DateTimeOffset> { Now.AddMinutes(1) }).Resolution
            .Should().BeNull("its record never reached the report");
        ConsistencyReportMongoQueries.ResolutionTimesOnly.Render(Args<ConsistencyReportDocument>()).ToString()
            .Should().Be("{ \"resolutions.resolved_at\" : 1 }");
        ConsistencyReportMongoQueries.ReportsByIds([ReportId]).Render(Args<ConsistencyReportDocument>()).ToString()
            .Should().Be("{ \"_id\" : { \"$in\" : [\"" + ReportId + "\"] } }");
    }
}
