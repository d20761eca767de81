using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Storage;

namespace SyncMonitor.UnitTests.Notifications;

/// <summary>The Mongo side of the notification store, checked without a server.</summary>
public sealed class NotificationMongoMappingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public NotificationMongoMappingTests() => MongoConventions.Register();

    private static RenderArgs<NotificationDocument> Args => new(BsonSerializer.LookupSerializer<NotificationDocument>(), BsonSerializer.SerializerRegistry);

    [Fact]
    public void A_notification_round_trips_through_its_document()
    {
        var notification = new Notification
        {
            Id = "65f000000000000000000001", UserId = "u-viewer", Type = NotificationType.Sync, Title = "同步完成", Content = "c",
            Severity = NotificationSeverities.Success, Link = "/x", Source = "sync", Status = NotificationStatus.Read,
            CreatedAt = T0, ReadAt = T0.AddMinutes(1), Metadata = new Dictionary<string, string> { ["task_id"] = "t1" },
        };

        var bson = NotificationDocument.From(notification).ToBsonDocument();
        var back = BsonSerializer.Deserialize<NotificationDocument>(bson).ToNotification();

        bson.Names.Should().Contain(["_id", "user_id", "type", "status", "created_at", "read_at", "metadata"]);
        bson["type"].AsString.Should().Be("sync");
        bson["status"].AsString.Should().Be("read");
        bson["created_at"].BsonType.Should().Be(BsonType.DateTime);
        back.Should().BeEquivalentTo(notification);
    }

    [Fact]
    public void Every_filter_is_scoped_to_the_user()
    {
        var query = new NotificationQuery(NotificationStatus.Unread, NotificationType.Alert, 1, 20);

        NotificationMongoQueries.Matching("u1", query).Render(Args).ToString()
            .Should().Be(new BsonDocument { { "user_id", "u1" }, { "status", "unread" }, { "type", "alert" } }.ToString());
        NotificationMongoQueries.OwnById("u1", "n1").Render(Args).ToString().Should().Be(new BsonDocument { { "user_id", "u1" }, { "_id", "n1" } }.ToString());
        NotificationMongoQueries.UnreadOf("u1").Render(Args).ToString().Should().Be(new BsonDocument { { "user_id", "u1" }, { "status", "unread" } }.ToString());
        NotificationMongoQueries.ExpiredOf("u1", T0).Render(Args).ToString()
            .Should().Be("{ \"user_id\" : \"u1\", \"created_at\" : { \"$lt\" : { \"$date\" : \"2025-03-03T08:00:00Z\" } } }");
    }

    [Fact]
    public void Marking_read_sets_status_and_time()
    {
        var update = NotificationMongoQueries.MarkRead(T0).Render(Args)["$set"].AsBsonDocument;
        update["status"].AsString.Should().Be("read");
        update["read_at"].ToUniversalTime().Should().Be(T0.UtcDateTime);
    }

    [Fact]
    public void The_indexes_are_the_specified_ones_with_a_ttl_of_the_retention()
    {
        var indexes = NotificationsSchema.MongoIndexes(retainDays: 30);

        indexes.Collection.Should().Be("notifications");
        indexes.Indexes.Select(i => i.Keys).Should().BeEquivalentTo(new[]
        {
            new BsonDocument { { "user_id", 1 }, { "created_at", -1 } },
            new BsonDocument { { "user_id", 1 }, { "status", 1 } },
            new BsonDocument("created_at", 1),
        });
        indexes.Indexes.Single(i => i.ExpireAfter is not null).ExpireAfter.Should().Be(TimeSpan.FromDays(30));
        indexes.Indexes.Select(i => i.ToModel().Options.Name).Should().OnlyHaveUniqueItems();
    }
}
