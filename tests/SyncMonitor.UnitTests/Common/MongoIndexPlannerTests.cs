using MongoDB.Bson;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.UnitTests.Common;

public sealed class MongoIndexPlannerTests
{
    private static BsonDocument Existing(string name, BsonDocument keys) => new() { { "v", 2 }, { "key", keys }, { "name", name } };

    [Fact]
    public void An_index_with_the_same_keys_under_another_name_counts_as_present()
    {
        var declared = new MongoIndexDefinition(new BsonDocument { { "code", 1 }, { "source", 1 } }, "code_source_unique", Unique: true);
        var missing = MongoIndexPlanner.Missing(
            [Existing("_id_", new BsonDocument("_id", 1)), Existing("legacy", new BsonDocument { { "code", 1 }, { "source", 1 } })],
            [declared]);
        missing.Should().BeEmpty();
    }

    [Fact]
    public void Key_order_and_direction_matter()
    {
        var declared = new MongoIndexDefinition(new BsonDocument { { "timestamp", -1 } }, "timestamp_desc");
        MongoIndexPlanner.Missing([Existing("ts", new BsonDocument("timestamp", 1))], [declared]).Should().ContainSingle();
        var compound = new MongoIndexDefinition(new BsonDocument { { "a", 1 }, { "b", 1 } }, "a_b");
        MongoIndexPlanner.Missing([Existing("b_a", new BsonDocument { { "b", 1 }, { "a", 1 } })], [compound]).Should().ContainSingle();
    }

    [Fact]
    public void Rendered_index_model_carries_name_uniqueness_and_ttl()
    {
        var model = new MongoIndexDefinition(new BsonDocument("created_at", 1), "created_at_ttl", ExpireAfter: TimeSpan.FromDays(90)).ToModel();
        model.Options.Name.Should().Be("created_at_ttl");
        model.Options.ExpireAfter.Should().Be(TimeSpan.FromDays(90));
        model.Options.Unique.Should().BeNull();
        var rendered = model.Keys.Render(new MongoDB.Driver.RenderArgs<BsonDocument>(
            MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry.GetSerializer<BsonDocument>(),
            MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry));
        rendered.Should().BeEquivalentTo(new BsonDocument("created_at", 1));
    }
}
