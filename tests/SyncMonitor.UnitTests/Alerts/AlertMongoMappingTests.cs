using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.UnitTests.Alerts;

/// <summary>The Mongo side of the alert store, checked without a server.</summary>
public sealed class AlertMongoMappingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public AlertMongoMappingTests() => MongoConventions.Register();

    private static RenderArgs<AlertDocument> Args => new(BsonSerializer.LookupSerializer<AlertDocument>(), BsonSerializer.SerializerRegistry);

    private static AlertOccurrence Occurrence(AlertLevel level = AlertLevel.High)
        => new("65f000000000000000000001", "sync_failed", level, "fp", "title", "message",
            new Dictionary<string, string> { ["job"] = "stock_basics" }, T0);

    [Fact]
    public void A_document_round_trips_with_snake_case_names_and_dates()
    {
        var document = new AlertDocument
        {
            Id = "65f000000000000000000001", OpenKey = "fp", Rule = "sync_failed", Level = "high", Fingerprint = "fp", Title = "t",
            Message = "m", Labels = new() { ["job"] = "stock_basics" }, Status = "acknowledged", Count = 3, FirstSeen = T0,
            LastSeen = T0.AddMinutes(1), LastNotifiedAt = T0, LastNotifiedLevel = "high", AcknowledgedBy = "u-operator",
            AcknowledgedAt = T0.AddMinutes(2), CreatedAt = T0,
        };

        var bson = document.ToBsonDocument();
        var back = BsonSerializer.Deserialize<AlertDocument>(bson).ToAlert();

        bson.Names.Should().Contain(["_id", "open_key", "first_seen", "last_seen", "last_notified_at", "last_notified_level", "acknowledged_by", "created_at"]);
        bson["last_seen"].BsonType.Should().Be(BsonType.DateTime);
        bson["labels"]["job"].AsString.Should().Be("stock_basics");
        back.Should().Match<Alert>(a => a.Status == AlertStatus.Acknowledged && a.Level == AlertLevel.High && a.Count == 3
            && a.LastSeen == T0.AddMinutes(1) && a.LastNotifiedLevel == AlertLevel.High && a.ResolvedAt == null);
    }

    [Fact]
    public void Recording_a_firing_upserts_on_the_open_key_and_sets_first_seen_only_on_insert()
    {
        var filter = AlertMongoQueries.OpenByFingerprint("fp").Render(Args);
        var update = AlertMongoQueries.RecordFiring(Occurrence()).Render(Args).AsBsonDocument;

        filter.ToString().Should().Be(new BsonDocument("open_key", "fp").ToString());
        update["$setOnInsert"].AsBsonDocument.Names.Should().BeEquivalentTo("_id", "rule", "fingerprint", "labels", "status", "first_seen", "created_at");
        update["$setOnInsert"]["status"].AsString.Should().Be("firing");
        update["$inc"].ToString().Should().Be(new BsonDocument("count", 1L).ToString());
        update["$max"]["last_seen"].BsonType.Should().Be(BsonType.DateTime);
        update["$set"].AsBsonDocument.Names.Should().BeEquivalentTo("level", "title", "message");
        update["$set"]["level"].AsString.Should().Be("high");
    }

    [Fact]
    public void The_notification_claim_matches_never_announced_due_or_escalated_open_alerts()
    {
        var filter = AlertMongoQueries.NotificationDue("id1", AlertLevel.High, T0).Render(Args).ToString();

        filter.Should().Contain("\"_id\" : \"id1\"")
            .And.Contain("\"status\" : { \"$in\" : [\"firing\", \"acknowledged\"] }")
            .And.Contain("\"last_notified_at\" : null")
            .And.Contain("\"last_notified_at\" : { \"$lte\" : { \"$date\" : \"2025-03-03T08:00:00Z\" } }")
            .And.Contain("\"last_notified_level\" : { \"$in\" : [\"low\", \"medium\"] }");
    }

    [Fact]
    public void Resolving_frees_the_open_key()
    {
        var update = AlertMongoQueries.Resolve("auto", T0).Render(Args).AsBsonDocument["$set"].AsBsonDocument;

        update["status"].AsString.Should().Be("resolved");
        update["resolved_by"].AsString.Should().Be("auto");
        update["open_key"].AsString.Should().StartWith("resolved:");
        AlertMongoQueries.Resolve("auto", T0).Render(Args)["$set"]["open_key"].Should().NotBe(update["open_key"], "each resolution is unique");
    }

    [Fact]
    public void The_indexes_enforce_one_open_alert_per_fingerprint_and_serve_the_list()
    {
        var indexes = AlertsSchema.MongoIndexes;

        indexes.Collection.Should().Be("alerts");
        indexes.Indexes.Should().ContainSingle(i => i.Unique).Which.Keys.ToString().Should().Be(new BsonDocument("open_key", 1).ToString());
        indexes.Indexes.Should().Contain(i => i.Keys == new BsonDocument("last_seen", -1));
        indexes.Indexes.Select(i => i.Name).Should().OnlyHaveUniqueItems();
    }
}
