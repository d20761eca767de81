using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Storage;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.UnitTests.Common;

public sealed class MongoIndexPlannerTests
{
    private static BsonDocument Existing(string name, BsonDocument keys, bool unique = false, long? ttlSeconds = null)
    {
        var index = new BsonDocument { { "v", 2 }, { "key", keys }, { "name", name } };
        if (unique)
        {
            index["unique"] = true;
        }

        if (ttlSeconds is { } seconds)
        {
            index["expireAfterSeconds"] = seconds;
        }

        return index;
    }

    private static MongoIndexPlan Plan(IEnumerable<BsonDocument> existing, params MongoIndexDefinition[] declared)
        => MongoIndexPlanner.Plan(existing, new MongoIndexSet("c", declared));

    private static readonly BsonDocument CodeSource = new() { { "code", 1 }, { "source", 1 } };

    [Fact]
    public void An_index_with_the_same_keys_and_options_under_another_name_counts_as_present()
    {
        var declared = new MongoIndexDefinition(CodeSource, "code_source_unique", Unique: true);

        var plan = Plan([Existing("_id_", new BsonDocument("_id", 1)), Existing("legacy", CodeSource, unique: true)], declared);

        plan.Create.Should().BeEmpty();
        plan.Conflicts.Should().BeEmpty();
        plan.ChangeTtl.Should().BeEmpty();
    }

    [Fact]
    public void Key_order_and_direction_matter()
    {
        var declared = new MongoIndexDefinition(new BsonDocument { { "timestamp", -1 } }, "timestamp_desc");
        Plan([Existing("ts", new BsonDocument("timestamp", 1))], declared).Create.Should().ContainSingle();
        var compound = new MongoIndexDefinition(new BsonDocument { { "a", 1 }, { "b", 1 } }, "a_b");
        Plan([Existing("b_a", new BsonDocument { { "b", 1 }, { "a", 1 } })], compound).Create.Should().ContainSingle();
    }

    [Fact]
    public void An_existing_non_unique_index_on_a_key_that_must_be_unique_is_a_conflict_that_says_what_to_do()
    {
        var plan = Plan([Existing("code_1_source_1", CodeSource)], new MongoIndexDefinition(CodeSource, "code_1_source_1", Unique: true));

        plan.Create.Should().BeEmpty("an index with these keys exists, so creating one would fail");
        plan.Conflicts.Should().ContainSingle().Which.Should().Contain("not unique").And.Contain("drop the index");
    }

    [Fact]
    public void A_changed_retention_becomes_a_collmod_of_the_existing_ttl_index()
    {
        var declared = new MongoIndexDefinition(new BsonDocument("created_at", 1), "created_at_ttl", ExpireAfter: TimeSpan.FromDays(30));

        var plan = Plan([Existing("created_at_ttl", new BsonDocument("created_at", 1), ttlSeconds: 90 * 86400)], declared);

        plan.Create.Should().BeEmpty();
        plan.ChangeTtl.Should().Equal(new MongoTtlChange("created_at_ttl", TimeSpan.FromDays(30)));
        (MongoIndexPlanner.CollModCommand("operation_logs", plan.ChangeTtl[0]) == BsonDocument.Parse(
            """{ "collMod": "operation_logs", "index": { "name": "created_at_ttl", "expireAfterSeconds": { "$numberLong": "2592000" } } }"""))
            .Should().BeTrue();
        Plan([Existing("created_at_ttl", new BsonDocument("created_at", 1), ttlSeconds: 30 * 86400)], declared).ChangeTtl.Should().BeEmpty();
    }

    [Fact]
    public void A_hashed_or_text_index_is_compared_without_crashing_and_never_matches_a_numeric_one()
    {
        var declared = new MongoIndexDefinition(new BsonDocument("code", 1), "code_1");

        var plan = Plan([Existing("code_hashed", new BsonDocument("code", "hashed")), Existing("name_text", new BsonDocument("name", "text"))], declared);

        plan.Create.Should().ContainSingle().Which.Name.Should().Be("code_1");
        Plan([Existing("code_hashed", new BsonDocument("code", "hashed"))], new MongoIndexDefinition(new BsonDocument("code", "hashed"), "h"))
            .Create.Should().BeEmpty();
    }

    [Fact]
    public void A_declared_name_taken_by_other_keys_is_a_conflict_rather_than_a_failing_create()
    {
        var plan = Plan([Existing("timestamp_-1", new BsonDocument("timestamp", 1))], new MongoIndexDefinition(new BsonDocument("timestamp", -1), "timestamp_-1"));

        plan.Create.Should().BeEmpty();
        plan.Conflicts.Should().ContainSingle();
    }

    [Fact]
    public void Indexes_that_are_prefixes_of_compound_ones_are_no_longer_declared_and_are_dropped_when_an_earlier_version_made_them()
    {
        var stockBasicInfo = SyncStorageRegistration.MongoIndexes.Single(s => s.Collection == "stock_basic_info");
        var declared = stockBasicInfo.Indexes.Concat(StocksStorageRegistration.MongoIndexes.Indexes).Select(i => i.Keys).ToList();

        foreach (var index in declared.Where(k => k.ElementCount == 1))
        {
            declared.Should().NotContain(other => other.ElementCount > 1 && other.GetElement(0) == index.GetElement(0),
                $"{index} is a prefix of a compound index");
        }

        var plan = MongoIndexPlanner.Plan(
            [Existing("code_1", new BsonDocument("code", 1)), Existing("source_1", new BsonDocument("source", 1)), Existing("mine", new BsonDocument("name", 1))],
            stockBasicInfo);
        plan.Drop.Should().BeEquivalentTo("code_1", "source_1");
    }

    [Fact]
    public void Rendered_index_model_carries_name_uniqueness_and_ttl_and_a_majority_commit_quorum_only_on_a_replica_set()
    {
        var model = new MongoIndexDefinition(new BsonDocument("created_at", 1), "created_at_ttl", ExpireAfter: TimeSpan.FromDays(90)).ToModel();
        model.Options.Name.Should().Be("created_at_ttl");
        model.Options.ExpireAfter.Should().Be(TimeSpan.FromDays(90));
        model.Options.Unique.Should().BeNull();
        var rendered = model.Keys.Render(new RenderArgs<BsonDocument>(
            MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry.GetSerializer<BsonDocument>(),
            MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry));
        rendered.Should().BeEquivalentTo(new BsonDocument("created_at", 1));

        MongoIndexInitializer.CreateOptions(new MongoTopology(MongoTopology.ReplicaSet, true, null)).CommitQuorum
            .Should().Be(CreateIndexCommitQuorum.Majority);
        MongoIndexInitializer.CreateOptions(new MongoTopology(MongoTopology.Standalone, false, null)).CommitQuorum
            .Should().BeNull("a standalone server refuses a commit quorum");
    }
}
