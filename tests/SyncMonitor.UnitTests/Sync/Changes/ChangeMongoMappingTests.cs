using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Sync.Changes;

/// <summary>The Mongo side of change sets and staging, checked without a server: documents, filters, updates, indexes.</summary>
public sealed class ChangeMongoMappingTests
{
    public ChangeMongoMappingTests()
    {
        SyncMongoMaps.Register();
        ChangeMongoMaps.Register();
    }

    private static string Render<T>(FilterDefinition<T> filter)
        => filter.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry)).ToString();

    private static string Render<T>(UpdateDefinition<T> update)
        => update.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry)).ToString()!;

    [Fact]
    public void A_change_set_header_is_keyed_by_task_id_and_round_trips_with_its_summary()
    {
        var record = new ChangeSetRecord
        {
            TaskId = "stock_basics-20261124T080000-abcd1234",
            Source = "tushare",
            FencingToken = 9,
            SeenAt = new DateTimeOffset(2026, 11, 24, 8, 0, 0, 123, TimeSpan.Zero),
            State = ChangeSetState.Held,
            Summary = new ChangeSummary { Listed = 3, Missing = 1, StarStAdded = 2, HeldBy = "min_list_ratio", ShiftedByField = new Dictionary<string, long> { ["total_mv"] = 5 } },
        };

        var bson = record.ToBsonDocument();
        var back = BsonSerializer.Deserialize<ChangeSetRecord>(bson);

        bson["_id"].AsString.Should().Be(record.TaskId);
        bson["state"].AsString.Should().Be("Held");
        bson["summary"].AsBsonDocument.Names.Should().Contain(["listed", "star_st_added", "held_by", "shifted_by_field"]);
        bson.Names.Should().NotContain("written");
        back.Should().BeEquivalentTo(record);
    }

    [Fact]
    public void A_changed_code_is_one_document_with_its_kinds_as_an_array_the_kind_filter_matches()
    {
        var model = MongoChangeSetStore.ReplaceChange("run-1", new StockChange
        {
            Code = "000002", Name = "*ST万科", Kinds = ["renamed", "shifted"], Fields = [new FieldChange("name", "万科A", "*ST万科", "+*ST")],
        });

        var bson = model.Replacement.ToBsonDocument();

        bson["_id"].AsString.Should().Be("run-1|000002");
        bson["kinds"].AsBsonArray.Select(k => k.AsString).Should().Equal("renamed", "shifted");
        bson["fields"][0].AsBsonDocument.Should().BeEquivalentTo(new BsonDocument { ["field"] = "name", ["before"] = "万科A", ["after"] = "*ST万科", ["mark"] = "+*ST" });
        BsonSerializer.Deserialize<StockChangeDocument>(bson).ToChange().Fields.Should().Equal(new FieldChange("name", "万科A", "*ST万科", "+*ST"));
        model.IsUpsert.Should().BeTrue();
        Render(MongoChangeSetStore.ChangeFilter("run-1", "renamed")).Should().Be("{ \"task_id\" : \"run-1\", \"kinds\" : \"renamed\" }");
        Render(MongoChangeSetStore.ChangeFilter("run-1", null)).Should().Be("{ \"task_id\" : \"run-1\" }");
    }

    [Fact]
    public void Moving_a_change_set_is_conditional_on_its_current_state()
    {
        Render(MongoChangeSetStore.StateFilter("run-1", ChangeSetState.Held)).Should().Be("{ \"_id\" : \"run-1\", \"state\" : \"Held\" }");
        var update = Render(MongoChangeSetStore.Resolve(ChangeSetState.Discarded, "u-operator", DateTimeOffset.UnixEpoch, null));
        update.Should().Contain("\"$set\"").And.Contain("\"state\" : \"Discarded\"").And.Contain("\"resolved_by\" : \"u-operator\"")
            .And.Contain("\"resolved_by_task_id\" : null");
    }

    [Fact]
    public void A_staged_row_keeps_the_stock_document_whole_and_is_found_per_run()
    {
        var row = new StockBasic
        {
            Code = "600000", Symbol = "600000", Name = "浦发银行", FullSymbol = "600000.SH", Source = "csv", TotalMv = 0.1 + 0.2,
            UpdatedAt = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero),
        };

        var bson = MongoStagedRowStore.Replace("held-1", row).Replacement.ToBsonDocument();

        bson["_id"].AsString.Should().Be("held-1|600000");
        bson["row"]["total_mv"].AsDouble.Should().Be(0.1 + 0.2);
        BsonSerializer.Deserialize<StagedRowDocument>(bson).Row.Should().Be(row);
        Render(MongoStagedRowStore.OfRun("held-1")).Should().Be("{ \"task_id\" : \"held-1\" }");
    }

    [Fact]
    public void Indexes_serve_the_per_run_pages_and_the_per_source_history()
    {
        ChangeMongoMaps.Indexes.Select(i => (i.Collection, i.Indexes.Single().Keys.ToString())).Should().Equal(
            ("sync_change_sets", "{ \"source\" : 1, \"seen_at\" : -1 }"),
            ("sync_changes", "{ \"task_id\" : 1, \"code\" : 1 }"),
            ("stock_basic_staging", "{ \"task_id\" : 1, \"code\" : 1 }"));
    }
}
