using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.UnitTests.Common;

public sealed class MongoConventionsTests
{
    public sealed class SampleDocument
    {
        public string Id { get; set; } = string.Empty;

        public string TaskType { get; set; } = string.Empty;

        public UserRole Role { get; set; }

        public DateTimeOffset StartedAt { get; set; }

        public double? TotalMv { get; set; }
    }

    [Fact]
    public void Documents_round_trip_with_snake_case_names_string_enums_and_utc_times()
    {
        MongoConventions.Register();
        var original = new SampleDocument
        {
            Id = "run-1",
            TaskType = "stock_basics",
            Role = UserRole.Operator,
            StartedAt = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.FromHours(8)),
            TotalMv = 1234.5,
        };

        var bson = original.ToBsonDocument();

        bson.Names.Should().Contain(["_id", "task_type", "role", "started_at", "total_mv"]);
        bson["role"].AsString.Should().Be("Operator");
        bson["started_at"].BsonType.Should().Be(BsonType.DateTime);
        var back = BsonSerializer.Deserialize<SampleDocument>(bson);
        back.Should().BeEquivalentTo(original, o => o.Excluding(d => d.StartedAt));
        back.StartedAt.Should().Be(original.StartedAt).And.Subject!.Value.Offset.Should().Be(TimeSpan.Zero);
    }
}
