using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.UnitTests.Alerts.Delivery;

/// <summary>The Mongo side of the outbox, checked without a server: documents, rendered filters and updates, options
/// and indexes.</summary>
public sealed class AlertDeliveryMongoMappingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public AlertDeliveryMongoMappingTests() => MongoConventions.Register();

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToString();

    private static BsonDocument Render<T>(UpdateDefinition<T> update) => update.Render(Args<T>()).AsBsonDocument;

    internal static Alert Alert() => new()
    {
        Id = "65f000000000000000000001", Rule = "sync_failed", Level = AlertLevel.High, Fingerprint = "fp", Title = "同步失败",
        Message = "m", Labels = new Dictionary<string, string> { ["job"] = "stock_basics" }, Status = AlertStatus.Firing, Count = 2,
        FirstSeen = T0, LastSeen = T0.AddMinutes(3), LastNotifiedAt = T0, LastNotifiedLevel = AlertLevel.High, CreatedAt = T0,
    };

    private static AlertDelivery Delivery() => AlertDelivery.Draft(
        new AlertChannelConfig("ding", AlertChannelType.DingTalk, true, AlertLevel.Low, new HashSet<string>(), new AlertChannelOptions(), SmtpTlsMode.Auto, []),
        Alert(), AlertEventKind.Escalated, T0);

    [Fact]
    public void A_delivery_round_trips_with_snake_case_names_dates_and_the_alert_in_the_APIs_json()
    {
        var document = AlertDeliveryDocument.From(Delivery() with { Attempts = 2, LastError = "HTTP 503", LastAttemptAt = T0.AddSeconds(5) });

        var bson = document.ToBsonDocument();
        var back = BsonSerializer.Deserialize<AlertDeliveryDocument>(bson).ToDelivery();

        bson.Names.Should().Equal("_id", "alert_id", "channel", "channel_type", "event", "alert", "status", "attempts", "last_error",
            "created_at", "next_attempt_at", "last_attempt_at", "delivered_at", "message_id");
        bson["channel_type"].AsString.Should().Be("dingtalk");
        bson["event"].AsString.Should().Be("escalated");
        bson["status"].AsString.Should().Be("pending");
        bson["next_attempt_at"].BsonType.Should().Be(BsonType.DateTime);
        bson["alert"].AsString.Should().Contain("\"first_seen\":").And.Contain("\"level\":\"high\"");
        back.Should().Match<AlertDelivery>(d => d.Channel == "ding" && d.ChannelType == AlertChannelType.DingTalk && d.Event == AlertEventKind.Escalated
            && d.Attempts == 2 && d.LastError == "HTTP 503" && d.LastAttemptAt == T0.AddSeconds(5) && d.DeliveredAt == null);
        back.Alert.Should().BeEquivalentTo(Alert());
    }

    [Fact]
    public void The_channel_lease_is_taken_by_an_upsert_that_matches_only_a_free_expired_or_own_lease()
    {
        Render(AlertDeliveryMongoQueries.LeaseAvailable("ding", "me", T0)).Should().Be(
            "{ \"_id\" : \"ding\", \"$or\" : [{ \"owner\" : null }, { \"owner\" : \"me\" }, { \"lease_until\" : { \"$lte\" : { \"$date\" : \"2025-03-03T08:00:00Z\" } } }] }");
        var take = Render(AlertDeliveryMongoQueries.TakeLease("me", T0.AddMinutes(1)))["$set"].AsBsonDocument;
        take["owner"].AsString.Should().Be("me");
        take["lease_until"].BsonType.Should().Be(BsonType.DateTime);
        AlertDeliveryMongoQueries.LeaseUpsert.IsUpsert.Should().BeTrue();
        Render(AlertDeliveryMongoQueries.LeaseHeldBy("ding", "me")).Should().Be("{ \"_id\" : \"ding\", \"owner\" : \"me\" }");
        Render(AlertDeliveryMongoQueries.FreeLease)["$set"].ToString().Should().Be("{ \"owner\" : null, \"lease_until\" : null }");
    }

    [Fact]
    public void The_queue_is_a_channels_unfinished_deliveries_oldest_first()
    {
        Render(AlertDeliveryMongoQueries.Queue("ding")).Should().Be(
            "{ \"channel\" : \"ding\", \"status\" : { \"$in\" : [\"pending\", \"retrying\"] } }");
        AlertDeliveryMongoQueries.OldestFirst.Render(Args<AlertDeliveryDocument>()).ToString().Should().Be("{ \"created_at\" : 1, \"_id\" : 1 }");
        Render(AlertDeliveryMongoQueries.SentSince("ding", T0)).Should().Be(
            "{ \"channel\" : \"ding\", \"delivered_at\" : { \"$gte\" : { \"$date\" : \"2025-03-03T08:00:00Z\" } } }");
    }

    [Fact]
    public void A_failed_attempt_counts_and_the_last_allowed_one_is_told_apart_by_the_attempts_so_far()
    {
        Render(AlertDeliveryMongoQueries.LastAttemptAmong(["a", "b"], 8)).Should().Be(
            "{ \"_id\" : { \"$in\" : [\"a\", \"b\"] }, \"status\" : { \"$in\" : [\"pending\", \"retrying\"] }, \"attempts\" : { \"$gte\" : 7 } }");
        Render(AlertDeliveryMongoQueries.RetryableAmong(["a"], 8)).Should().Contain("\"attempts\" : { \"$lt\" : 7 }");
        var failed = Render(AlertDeliveryMongoQueries.Failed(AlertDeliveryStatus.Retrying, "HTTP 503", T0, T0.AddSeconds(30)));
        failed["$inc"].ToString().Should().Be("{ \"attempts\" : 1 }");
        failed["$set"].AsBsonDocument.Names.Should().Equal("status", "last_attempt_at", "last_error", "next_attempt_at");
        failed["$set"]["status"].AsString.Should().Be("retrying");
        var delivered = Render(AlertDeliveryMongoQueries.Delivered("m1", T0));
        delivered["$set"]["status"].AsString.Should().Be("delivered");
        delivered["$set"]["message_id"].AsString.Should().Be("m1");
        delivered["$set"]["last_error"].IsBsonNull.Should().BeTrue();
    }

    [Fact]
    public void An_events_deliveries_ride_in_the_alerts_own_update_and_are_pulled_once_relayed()
    {
        var outbox = new List<AlertDeliveryDocument> { AlertDeliveryDocument.From(Delivery()) };

        var update = Render(AlertMongoQueries.WithOutbox(AlertMongoQueries.MarkNotified(AlertLevel.High, T0), outbox));
        var alone = Render(AlertMongoQueries.WithOutbox(AlertMongoQueries.MarkNotified(AlertLevel.High, T0), []));

        update["$set"].AsBsonDocument.Names.Should().Equal("last_notified_at", "last_notified_level");
        var pushed = update["$push"]["outbox"]["$each"].AsBsonArray.Single().AsBsonDocument;
        pushed["_id"].AsString.Should().Be(outbox[0].Id);
        pushed["channel"].AsString.Should().Be("ding");
        alone.Names.Should().Equal("$set");
        Render(AlertMongoQueries.PullRelayed([outbox[0].Id]))["$pull"].ToString().Should().Be(
            $"{{ \"outbox\" : {{ \"_id\" : {{ \"$in\" : [\"{outbox[0].Id}\"] }} }} }}");
        Render(AlertMongoQueries.HoldingOutbox).Should().Be("{ \"outbox.0\" : { \"$exists\" : true } }");
    }

    [Fact]
    public void A_planned_write_requires_the_announcement_state_it_was_planned_from()
    {
        var never = Alert() with { LastNotifiedAt = null, LastNotifiedLevel = null };

        Render(AlertMongoQueries.AnnouncedAs(never)).Should().Be("{ \"last_notified_at\" : null, \"last_notified_level\" : null }");
        Render(AlertMongoQueries.AnnouncedAs(Alert())).Should().Be(
            "{ \"last_notified_at\" : { \"$date\" : \"2025-03-03T08:00:00Z\" }, \"last_notified_level\" : \"high\" }");
        new AlertDocument { Id = "x", Outbox = null }.ToBsonDocument().Names.Should().NotContain("outbox", "absent until an event writes one");
    }

    [Fact]
    public void The_outbox_indexes_serve_the_queue_an_alerts_detail_the_window_and_the_pending_count()
    {
        var indexes = AlertDeliverySchema.MongoDeliveryIndexes;

        indexes.Collection.Should().Be("alert_deliveries");
        indexes.Indexes.Select(i => i.Keys.ToString()).Should().Equal(
            "{ \"channel\" : 1, \"status\" : 1, \"created_at\" : 1, \"_id\" : 1 }",
            "{ \"alert_id\" : 1, \"created_at\" : 1 }",
            "{ \"channel\" : 1, \"delivered_at\" : 1 }",
            "{ \"status\" : 1 }");
        indexes.Indexes.Select(i => i.Name).Should().OnlyHaveUniqueItems();
    }
}
