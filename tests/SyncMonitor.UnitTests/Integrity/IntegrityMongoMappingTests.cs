using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Consistency.Integrity.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Integrity;

/// <summary>The Mongo side of <c>integrity_checks</c>, <c>compensations</c> and the daily-basic summaries, checked
/// without a server: documents, filters, pipelines and indexes.</summary>
public sealed class IntegrityMongoMappingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public IntegrityMongoMappingTests()
    {
        IntegritySchema.RegisterClassMaps();
        CompensationSchema.RegisterClassMaps();
        SyncMongoMaps.Register();
    }

    private static string Render<T>(FilterDefinition<T> filter)
        => filter.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry)).ToString();

    internal static IntegrityCheckResult DeepResult() => new()
    {
        Id = "integrity-deep-20261124T080000000-abcd1234",
        Type = IntegrityCheckType.Deep,
        CheckedAt = T0,
        WindowStart = T0.AddDays(-14),
        DurationMs = 42,
        Health = IntegrityHealth.Degraded,
        Level = IntegrityLevel.Medium,
        CompletionRate = 85.5,
        SuccessfulRuns = 20,
        RunsWithCompleteOutput = 17,
        TradeDatesChecked = 10,
        TradeDatesWithCompleteOutput = 9,
        TradeDateCompletionRate = 90,
        AvgRowsReportedPerRun = 5000,
        AvgRowsPresentPerRun = 4990.5,
        OutputDelay = new OutputDelay { Measured = 20, AvgSeconds = 1.5, MaxSeconds = 30 },
        Duplicates = new DuplicateOutput
        {
            Codes = 3,
            Dates = [new DuplicateDate { TradeDate = "20261120", Codes = 3, ExpectedSource = "tushare", StoredSources = ["akshare", "tushare"] }],
        },
        Failures =
        [
            new OutputFailure { TaskId = "daily_basic-1", Job = "daily_basic", TradeDate = "20261120", Reason = OutputShortfall.Short, Reported = 10, Present = 7, Missing = 3, FinishedAt = T0.AddDays(-1) },
            new OutputFailure { TaskId = "nightly-1", Job = "nightly", TradeDate = "20261121", Reason = OutputShortfall.NoOutput },
        ],
        FailuresTotal = 2,
        Trend = new CompletionTrend
        {
            Days = [new DailyCompletion { Day = "2026-11-23", Runs = 2, Complete = 1, CompletionRate = 50 }],
            SlopePerDay = -2.5,
            Direction = "degrading",
        },
    };

    [Fact]
    public void A_check_is_keyed_by_its_id_and_round_trips_with_its_failures_and_trend()
    {
        var result = DeepResult();

        var bson = result.ToBsonDocument();
        var back = BsonSerializer.Deserialize<IntegrityCheckResult>(bson);

        bson["_id"].AsString.Should().Be(result.Id);
        bson.Names.Should().Contain(["type", "checked_at", "window_start", "completion_rate", "trade_date_completion_rate", "output_delay", "failures_total", "trend"]);
        bson["checked_at"].BsonType.Should().Be(BsonType.DateTime);
        bson["type"].AsString.Should().Be("Deep");
        bson["failures"][1]["reason"].AsString.Should().Be("NoOutput");
        bson["trend"]["days"][0]["completion_rate"].AsDouble.Should().Be(50);
        back.Should().BeEquivalentTo(result);
    }

    [Fact]
    public void Checks_are_listed_by_type_newest_first_and_pruned_by_time()
    {
        Render(MongoIntegrityCheckStore.OfType(IntegrityCheckType.Quick)).Should().Be("{ \"type\" : \"Quick\" }");
        Render(MongoIntegrityCheckStore.CheckedBefore(T0)).Should().Be("{ \"checked_at\" : { \"$lt\" : { \"$date\" : \"2026-11-24T08:00:00Z\" } } }");
        MongoIntegrityCheckStore.NewestFirst.Render(new RenderArgs<IntegrityCheckResult>(
                BsonSerializer.LookupSerializer<IntegrityCheckResult>(), BsonSerializer.SerializerRegistry))
            .ToString().Should().Be("{ \"checked_at\" : -1, \"_id\" : -1 }");
        IntegritySchema.MongoIndexes.Indexes.Select(i => i.Keys.ToString()).Should().Equal(
            "{ \"type\" : 1, \"checked_at\" : -1 }", "{ \"checked_at\" : 1 }");
    }

    [Fact]
    public void A_compensation_with_six_thousand_codes_per_date_round_trips_compactly()
    {
        var codes = Enumerable.Range(0, 6000).Select(i => (600000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var record = new CompensationRecord
        {
            Id = "compensation-20261124T080000-abcd1234",
            Status = CompensationStatus.CompletedWithErrors,
            Request = new CompensationScope { StartDate = "20261101", EndDate = "20261130", BatchSize = 500, MaxTasks = 10 },
            Dates = [new CompensationDate { TradeDate = "20261120", Expected = 6000, Present = 0, Missing = 6000, Reason = OutputShortfall.Short, Sources = ["demo"], RunIds = ["r1"] }],
            Written = [WrittenRows.Of("20261120", "demo", codes, confirmed: true), WrittenRows.Of("20261123", "demo", codes, confirmed: false)],
            RowsWritten = 12000,
            FailedDates = ["20261124"],
            CreatedBy = "u-operator",
            CreatedAt = T0,
            FinishedAt = T0.AddMinutes(2),
        };

        var bson = record.ToBsonDocument();
        var back = BsonSerializer.Deserialize<CompensationRecord>(bson);

        bson["_id"].AsString.Should().Be(record.Id);
        bson["status"].AsString.Should().Be("CompletedWithErrors");
        bson["written"][0]["codes"].BsonType.Should().Be(BsonType.String, "codes are one comma-joined string, not 6,000 array elements");
        bson.ToBson().Length.Should().BeLessThan(100_000);
        back.Should().BeEquivalentTo(record);
        back.Written[1].CodeList().Should().Equal(codes);
        Render(MongoCompensationStore.ById(record.Id)).Should().Be($"{{ \"_id\" : \"{record.Id}\" }}");
        CompensationSchema.MongoIndexes.Indexes.Single().Keys.ToString().Should().Be("{ \"created_at\" : -1 }");
    }

    [Fact]
    public void The_daily_summary_groups_by_date_and_source_with_the_newest_update()
    {
        var stages = RenderStages(MongoDailyBasicStore.SummaryPipeline(["20261120", "20261123"]));

        stages.Should().Equal(
            "{ \"$match\" : { \"trade_date\" : { \"$in\" : [\"20261120\", \"20261123\"] } } }",
            "{ \"$group\" : { \"_id\" : { \"trade_date\" : \"$trade_date\", \"source\" : \"$source\" }, \"rows\" : { \"$sum\" : 1 }, \"newest\" : { \"$max\" : \"$updated_at\" } } }");
    }

    [Fact]
    public void Codes_in_several_sources_are_counted_per_date_after_grouping_by_date_and_code()
    {
        var stages = RenderStages(MongoDailyBasicStore.SeveralSourcesPipeline(["20261120"]));

        stages.Should().HaveCount(4);
        stages[1].Should().Contain("\"_id\" : { \"trade_date\" : \"$trade_date\", \"code\" : \"$code\" }");
        stages[2].Should().Be("{ \"$match\" : { \"sources\" : { \"$gt\" : 1 } } }");
        stages[3].Should().Be("{ \"$group\" : { \"_id\" : \"$_id.trade_date\", \"codes\" : { \"$sum\" : 1 } } }");
    }

    private static List<string> RenderStages(PipelineDefinition<BsonDocument, BsonDocument> pipeline)
        => pipeline.Render(new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry))
            .Documents.Select(d => d.ToString()).ToList();
}
