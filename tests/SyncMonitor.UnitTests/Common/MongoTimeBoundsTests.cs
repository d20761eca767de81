using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.Api.Modules.Consistency.Integrity.Storage;
using SyncMonitor.Api.Modules.Notifications.Storage;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Common;

/// <summary>BSON dates hold milliseconds: every Mongo query with a time bound rounds inclusive lower and exclusive upper
/// bounds up, so it selects the same rows as SQLite's full-precision comparison (the op-log contract's
/// <c>DeleteAsync(T0+2h+1 tick)</c> removes the row stored at T0+2h on both stores).</summary>
public sealed class MongoTimeBoundsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OneTickPast = T0.AddTicks(1);
    private static readonly DateTime NextMillisecond = T0.AddMilliseconds(1).UtcDateTime;

    public MongoTimeBoundsTests()
    {
        MongoConventions.Register();
        IntegritySchema.RegisterClassMaps();
        SyncMongoMaps.Register();
    }

    private static BsonDocument Render<T>(FilterDefinition<T> filter)
        => filter.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry));

    private static DateTime Bound(BsonDocument rendered, string field, string op) => rendered[field][op].ToUniversalTime();

    [Fact]
    public void A_bound_is_rounded_up_to_the_next_millisecond_only_when_it_has_a_sub_millisecond_part()
    {
        OneTickPast.CeilingToMillisecond().Should().Be(T0.AddMilliseconds(1));
        T0.AddMilliseconds(7).CeilingToMillisecond().Should().Be(T0.AddMilliseconds(7));
        T0.AddTicks(9_999).CeilingToMillisecond().Should().Be(T0.AddMilliseconds(1));
    }

    [Fact]
    public void Operation_log_deletes_list_filters_retention_and_stats_round_their_bounds_up()
    {
        Bound(Render(MongoOperationLogQueries.TimestampBefore(OneTickPast, null)), "timestamp", "$lt").Should().Be(NextMillisecond);
        Bound(Render(MongoOperationLogQueries.TimestampBefore(OneTickPast, "sync")), "timestamp", "$lt").Should().Be(NextMillisecond);
        Bound(Render(MongoOperationLogQueries.CreatedBefore(OneTickPast)), "created_at", "$lt").Should().Be(NextMillisecond);
        var page = Render(MongoOperationLogQueries.Matching(new OperationLogFilter { From = OneTickPast, Until = OneTickPast.AddHours(1) }));
        Bound(page, "timestamp", "$gte").Should().Be(NextMillisecond);
        Bound(page, "timestamp", "$lt").Should().Be(NextMillisecond.AddHours(1));
        MongoOperationLogQueries.StatsPipeline(OneTickPast, 5)[0]["$match"]["timestamp"]["$gte"].ToUniversalTime().Should().Be(NextMillisecond);
    }

    [Fact]
    public void Retention_of_notifications_reports_and_integrity_checks_and_the_runs_started_from_filter_round_up()
    {
        Bound(Render(NotificationMongoQueries.Expired(OneTickPast)), "created_at", "$lt").Should().Be(NextMillisecond);
        Bound(Render(NotificationMongoQueries.ExpiredOf("u", OneTickPast)), "created_at", "$lt").Should().Be(NextMillisecond);
        Bound(Render(MongoIntegrityCheckStore.CheckedBefore(OneTickPast)), "checked_at", "$lt").Should().Be(NextMillisecond);
        Bound(Render(ConsistencyReportMongoQueries.ReportsCheckedBefore(OneTickPast)), "checked_at", "$lt").Should().Be(NextMillisecond);
        Bound(Render(ConsistencyReportMongoQueries.StocksCheckedBefore(OneTickPast)), "checked_at", "$lt").Should().Be(NextMillisecond);
        Bound(Render(MongoSyncRunStore.QueryFilter(new SyncRunQuery(1, 10, StartedFrom: OneTickPast))), "started_at", "$gte")
            .Should().Be(NextMillisecond);
    }
}
