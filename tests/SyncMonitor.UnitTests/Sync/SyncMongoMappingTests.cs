using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>The Mongo side of the Sync stores, checked without a server: documents, filters and indexes.</summary>
public sealed class SyncMongoMappingTests
{
    public SyncMongoMappingTests() => SyncMongoMaps.Register();

    private static string Render<T>(FilterDefinition<T> filter)
        => filter.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry)).ToString();

    [Fact]
    public void A_run_is_keyed_by_its_task_id_and_round_trips_with_its_source_details()
    {
        var run = new SyncStats
        {
            Job = "stock_basics",
            TaskId = "stock_basics-20261124T080000-abcd1234",
            TaskType = SyncTaskType.SchedulerDaily,
            DataType = "stock_basic_info",
            Status = SyncRunStatus.SuccessWithErrors,
            StartedAt = new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.FromHours(8)),
            DataSourcesUsed = ["stock_list:baostock", "daily_data:tushare"],
            SourceStats = new Dictionary<string, SourceStat> { ["tushare"] = new(5000, 4998) },
            FailedDates = ["20261120"],
            FencingToken = 7,
            ErrorSamples = [new RowError("600000|demo", "constraint violated")],
        };

        var bson = run.ToBsonDocument();
        var back = BsonSerializer.Deserialize<SyncStats>(bson);

        bson["_id"].AsString.Should().Be(run.TaskId);
        bson.Names.Should().Contain(["task_type", "data_sources_used", "source_stats", "fencing_token", "started_at"]).And.NotContain("is_finished");
        bson["status"].AsString.Should().Be("SuccessWithErrors");
        back.Should().BeEquivalentTo(run, o => o.Excluding(r => r.StartedAt));
        back.StartedAt.Should().Be(run.StartedAt);
    }

    [Fact]
    public void A_run_message_round_trips_with_its_parts_and_renders_in_each_language()
    {
        var run = new SyncStats
        {
            Job = "stock_basics", TaskId = "t-msg", TaskType = SyncTaskType.StockBasics, DataType = "stock_basic_info",
            Status = SyncRunStatus.SuccessWithErrors,
        }.WithMessage(RunMessages.Partial(3), RunMessages.Quoted("tushare: 40203"), RunMessages.Unwritten(2));

        var bson = run.ToBsonDocument();
        var back = BsonSerializer.Deserialize<SyncStats>(bson);

        bson.Names.Should().Contain("message_parts");
        back.MessageParts.Should().BeEquivalentTo(run.MessageParts);
        back.Message.Should().Be("同步完成，有错误：3 条记录失败；tushare: 40203；2 条记录已获取但未写入");
        back.In(System.Globalization.CultureInfo.GetCultureInfo("en")).Message
            .Should().Be("Sync completed with errors: 3 records failed; tushare: 40203; 2 rows fetched but not written");
        (back with { Message = "interrupted (lease expired)" }).In(System.Globalization.CultureInfo.GetCultureInfo("en")).Message
            .Should().Be("interrupted (lease expired)", "a message written later as plain text wins over stale parts");
    }

    [Fact]
    public void The_lease_document_uses_the_global_id_and_snake_case_fields()
    {
        var lease = new LeaseDocument
        {
            OwnerToken = "owner",
            FencingToken = 3,
            ExpiresAt = DateTimeOffset.UnixEpoch,
            Task = new CurrentTask { TaskId = "t", TaskType = SyncTaskType.WebBatch, StartTime = DateTimeOffset.UnixEpoch, Owner = "h" },
        };

        var bson = lease.ToBsonDocument();

        bson["_id"].AsString.Should().Be("global");
        bson.Names.Should().Contain(["owner_token", "fencing_token", "expires_at", "task", "cancel_requested"]);
        bson["task"]["task_id"].AsString.Should().Be("t");
        BsonSerializer.Deserialize<LeaseDocument>(bson).Should().BeEquivalentTo(lease);
    }

    [Fact]
    public void A_stock_row_serializes_with_the_document_field_names_of_the_spec()
    {
        var row = new StockBasic
        {
            Code = "000001", Symbol = "000001", Name = "平安银行", FullSymbol = "000001.SZ", Source = "tushare",
            TotalMv = 2100.5, PeTtm = 4.8, ListDate = "19910403",
        };

        var bson = row.ToBsonDocument();

        bson.Names.Should().Contain(["code", "symbol", "name", "full_symbol", "source", "updated_at", "total_mv", "pe_ttm", "list_date"]);
        bson.Contains("_id").Should().BeFalse("upserts keep the server-assigned id");
    }

    [Fact]
    public void The_fenced_upsert_filter_matches_the_key_and_a_token_that_is_absent_or_not_newer()
    {
        var filter = MongoFencedWriter.Filter(MongoStockBasicStore.KeyOf(new StockBasic
        {
            Code = "600000", Symbol = "600000", Name = "浦发银行", FullSymbol = "600000.SH", Source = "demo",
        }), 9);

        Render(filter).Should().Be(
            "{ \"code\" : \"600000\", \"source\" : \"demo\", \"$or\" : [{ \"fencing_token\" : { \"$exists\" : false } }, { \"fencing_token\" : { \"$lte\" : 9 } }] }");
    }

    [Fact]
    public void The_lease_is_taken_only_when_free_or_expired_and_held_filters_name_owner_and_token()
    {
        Render(MongoSyncLeaseStore.Held(new HeldLease("me", 4)))
            .Should().Be("{ \"_id\" : \"global\", \"owner_token\" : \"me\", \"fencing_token\" : 4 }");
        Render(MongoSyncRunStore.OrphanFilter(5))
            .Should().Be("{ \"status\" : \"Running\", \"$or\" : [{ \"fencing_token\" : null }, { \"fencing_token\" : { \"$lt\" : 5 } }] }");
    }

    /// <summary>Issue 13 item 5 on MongoDB: the final record replaces the run only while it is running under its token.</summary>
    [Fact]
    public void The_final_record_is_written_only_while_running_under_the_same_token_and_the_status_reads_any_stock_basics_job()
    {
        var final = new SyncStats
        {
            Job = "stock_basics", TaskId = "t-1", TaskType = SyncTaskType.StockBasics, DataType = "stock_basic_info",
            Status = SyncRunStatus.Success, FencingToken = 4,
        };

        Render(MongoSyncRunStore.FinishFilter(final))
            .Should().Be("{ \"_id\" : \"t-1\", \"status\" : \"Running\", \"fencing_token\" : 4 }");
        Render(MongoSyncRunStore.LatestFilter(["stock_basics", "nightly"]))
            .Should().Be("{ \"job\" : { \"$in\" : [\"stock_basics\", \"nightly\"] } }");
    }

    [Fact]
    public void Indexes_cover_the_unique_keys_and_sorts_of_the_spec()
    {
        var keys = SyncStorageRegistration.MongoIndexes.ToDictionary(s => s.Collection, s => s.Indexes);

        keys["stock_basic_info"].Should().Contain(i => i.Unique && i.Keys == new BsonDocument { { "code", 1 }, { "source", 1 } });
        keys["stock_basic_info"].Select(i => i.Keys.ToString()).Should().Contain(["{ \"total_mv\" : 1 }", "{ \"circ_mv\" : 1 }"]);
        keys["stock_daily_basic"].Should().Contain(i => i.Unique && i.Keys == new BsonDocument { { "code", 1 }, { "trade_date", 1 }, { "source", 1 } });
        keys["sync_status"].Select(i => i.Keys.ToString()).Should().Contain("{ \"started_at\" : -1 }");
    }

    [Fact]
    public void A_rollback_deletes_by_trade_date_and_source_with_the_codes_in_one_in_list_per_pair()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => new DailyBasicKey((600000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "20261124", "demo"))
            .Append(new DailyBasicKey("000001", "20261125", "demo")).ToList();

        var one = Render(MongoDailyBasicStore.DeleteFilter(keys.Take(2).ToList(), 7));
        var two = Render(MongoDailyBasicStore.DeleteFilter(keys, null));

        one.Should().Be("{ \"trade_date\" : \"20261124\", \"source\" : \"demo\", \"code\" : { \"$in\" : [\"600000\", \"600001\"] }, \"fencing_token\" : 7 }");
        BsonDocument.Parse(two)["$or"].AsBsonArray.Should().HaveCount(2);
        BsonDocument.Parse(two)["$or"][0]["code"]["$in"].AsBsonArray.Should().HaveCount(1000);
    }
}
