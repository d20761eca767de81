using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>The outbox's contract, for every provider: deliveries written in the same step as the event, channel
/// leases that admit one sender, and attempt bookkeeping.</summary>
public abstract class AlertDeliveryStoreContract : StoreContract
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    protected Task<StoreHarness> StoreAsync() => HarnessAsync(services => services.AddAlertStorage());

    private protected static AlertChannelConfig Channel(string name) => new(name, AlertChannelType.Webhook, true, AlertLevel.Low,
        new HashSet<string>(), new AlertChannelOptions { Type = "webhook", Url = "http://127.0.0.1:9/" }, SmtpTlsMode.Auto, []);

    /// <summary>One delivery per named channel.</summary>
    private protected static AlertDeliveryPlan To(params string[] channels)
        => (alert, kind, at) => channels.Select(c => AlertDelivery.Draft(Channel(c), alert, kind, at)).ToList();

    private protected static AlertOccurrence Occurrence(string scope, DateTimeOffset at, AlertLevel level = AlertLevel.High)
    {
        var labels = new Dictionary<string, string> { ["scope"] = scope };
        return new AlertOccurrence(MongoDB.Bson.ObjectId.GenerateNewId().ToString(), "test_rule", level,
            AlertFingerprint.Compute("test_rule", labels), "title " + scope, "message " + scope, labels, at);
    }

    [SkippableFact]
    public async Task A_granted_claim_writes_its_deliveries_with_it_and_a_refused_one_writes_none()
    {
        await using var harness = await StoreAsync();
        var alerts = harness.Get<IAlertStore>();
        var outbox = harness.Get<IAlertDeliveryStore>();
        var alert = await alerts.RecordFiringAsync(Occurrence("claim", T0), CancellationToken.None);

        var granted = await alerts.TryClaimNotificationAsync(alert.Id, AlertLevel.High, T0, T0.AddHours(-1), To("a", "b"), CancellationToken.None);
        var refused = await alerts.TryClaimNotificationAsync(alert.Id, AlertLevel.High, T0.AddMinutes(1), T0.AddMinutes(-59), To("a", "b"), CancellationToken.None);
        var escalated = await alerts.TryClaimNotificationAsync(alert.Id, AlertLevel.Critical, T0.AddMinutes(2), T0.AddMinutes(-58), To("a"), CancellationToken.None);

        granted!.Kind.Should().Be(AlertEventKind.Firing);
        refused.Should().BeNull();
        escalated!.Kind.Should().Be(AlertEventKind.Escalated);
        var listed = await outbox.ListForAlertAsync(alert.Id, CancellationToken.None);
        listed.Select(d => (d.Channel, d.Event)).Should().Equal(("a", AlertEventKind.Firing), ("b", AlertEventKind.Firing), ("a", AlertEventKind.Escalated));
        listed.Select(d => d.Id).Should().Equal(granted.Deliveries.Select(d => d.Id).Concat(escalated.Deliveries.Select(d => d.Id)));
        var first = listed[0];
        first.Should().Match<AlertDelivery>(d => d.Status == AlertDeliveryStatus.Pending && d.Attempts == 0 && d.CreatedAt == T0
            && d.NextAttemptAt == T0 && d.ChannelType == AlertChannelType.Webhook && d.LastError == null && d.DeliveredAt == null);
        first.Alert.Should().Match<Alert>(a => a.Id == alert.Id && a.Title == "title claim" && a.LastNotifiedAt == T0 && a.Count == 1);
        first.Alert.Labels.Should().Equal(new Dictionary<string, string> { ["scope"] = "claim" });
        (await outbox.QueueAsync("a", 10, CancellationToken.None)).Select(d => d.Event).Should().Equal(AlertEventKind.Firing, AlertEventKind.Escalated);
        (await outbox.CountUnfinishedAsync(CancellationToken.None)).Should().Be(3);
    }

    [SkippableFact]
    public async Task Of_many_concurrent_claims_only_the_granted_one_writes_deliveries()
    {
        await using var harness = await StoreAsync();
        var alerts = harness.Get<IAlertStore>();
        var alert = await alerts.RecordFiringAsync(Occurrence("race", T0), CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            alerts.TryClaimNotificationAsync(alert.Id, AlertLevel.High, T0, T0.AddHours(-1), To("a"), CancellationToken.None))));

        claims.Count(c => c is not null).Should().Be(1);
        (await harness.Get<IAlertDeliveryStore>().ListForAlertAsync(alert.Id, CancellationToken.None)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task A_resolution_writes_deliveries_carrying_the_resolved_alert()
    {
        await using var harness = await StoreAsync();
        var alerts = harness.Get<IAlertStore>();
        var auto = await alerts.RecordFiringAsync(Occurrence("auto", T0), CancellationToken.None);
        var manual = await alerts.RecordFiringAsync(Occurrence("manual", T0), CancellationToken.None);

        await alerts.ResolveOpenAsync(auto.Fingerprint, AlertNames.AutoResolver, T0.AddMinutes(5), To("a"), CancellationToken.None);
        await alerts.ResolveAsync(manual.Id, "u-operator", T0.AddMinutes(6), To("a"), CancellationToken.None);
        await alerts.ResolveAsync(manual.Id, "u-operator", T0.AddMinutes(7), To("a"), CancellationToken.None);

        var queue = await harness.Get<IAlertDeliveryStore>().QueueAsync("a", 10, CancellationToken.None);
        queue.Should().HaveCount(2, "resolving a resolved alert writes nothing");
        queue.Should().OnlyContain(d => d.Event == AlertEventKind.Resolved && d.Alert.Status == AlertStatus.Resolved);
        queue[0].Alert.Should().Match<Alert>(a => a.Id == auto.Id && a.ResolvedBy == "auto" && a.ResolvedAt == T0.AddMinutes(5));
        queue[1].Alert.Should().Match<Alert>(a => a.Id == manual.Id && a.ResolvedBy == "u-operator");
    }

    [SkippableFact]
    public async Task Of_many_concurrent_acquirers_one_gets_a_channels_lease_and_it_passes_on_only_when_released_or_expired()
    {
        await using var harness = await StoreAsync();
        var outbox = harness.Get<IAlertDeliveryStore>();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            outbox.TryAcquireChannelAsync("hook", "owner-" + i, T0, Lease, CancellationToken.None))));
        var winner = "owner-" + Array.IndexOf(attempts, true);

        attempts.Count(a => a).Should().Be(1);
        (await outbox.TryAcquireChannelAsync("other", "someone", T0, Lease, CancellationToken.None)).Should().BeTrue("leases are per channel");
        (await outbox.TryAcquireChannelAsync("hook", winner, T0.AddSeconds(1), Lease, CancellationToken.None)).Should().BeTrue("the holder may take it again");
        (await outbox.RenewChannelAsync("hook", "intruder", T0.AddSeconds(2), Lease, CancellationToken.None)).Should().BeFalse();
        (await outbox.RenewChannelAsync("hook", winner, T0.AddSeconds(30), Lease, CancellationToken.None)).Should().BeTrue();
        (await outbox.TryAcquireChannelAsync("hook", "intruder", T0.AddSeconds(80), Lease, CancellationToken.None)).Should().BeFalse("renewed until 90 s");
        await outbox.ReleaseChannelAsync("hook", "intruder", CancellationToken.None);
        (await outbox.TryAcquireChannelAsync("hook", "intruder", T0.AddSeconds(85), Lease, CancellationToken.None)).Should().BeFalse("only the holder releases");
        (await outbox.TryAcquireChannelAsync("hook", "late", T0.AddSeconds(91), Lease, CancellationToken.None)).Should().BeTrue("expired");
        await outbox.ReleaseChannelAsync("hook", "late", CancellationToken.None);
        (await outbox.TryAcquireChannelAsync("hook", "next", T0.AddSeconds(92), Lease, CancellationToken.None)).Should().BeTrue("released");
    }

    [SkippableFact]
    public async Task Failed_attempts_are_counted_until_the_last_marks_the_delivery_failed_and_deliveries_count_per_message()
    {
        await using var harness = await StoreAsync();
        var alerts = harness.Get<IAlertStore>();
        var outbox = harness.Get<IAlertDeliveryStore>();
        var ids = new List<string>();
        var alertIds = new List<string>();
        foreach (var scope in new[] { "x", "y", "z" })
        {
            var alert = await alerts.RecordFiringAsync(Occurrence(scope, T0), CancellationToken.None);
            var claim = await alerts.TryClaimNotificationAsync(alert.Id, AlertLevel.High, T0, T0.AddHours(-1), To("hook"), CancellationToken.None);
            ids.Add(claim!.Deliveries.Single().Id);
            alertIds.Add(alert.Id);
        }

        var firstFailure = await outbox.RecordFailureAsync([ids[0]], "HTTP 503", T0.AddSeconds(1), T0.AddSeconds(31), 2, CancellationToken.None);
        var afterOne = (await outbox.QueueAsync("hook", 10, CancellationToken.None))[0];
        var lastFailure = await outbox.RecordFailureAsync([ids[0], ids[1]], "HTTP 502", T0.AddSeconds(40), T0.AddSeconds(100), 2, CancellationToken.None);
        await outbox.MarkDeliveredAsync([ids[1], ids[2]], ids[1], T0.AddSeconds(50), CancellationToken.None);
        await outbox.MarkDeliveredAsync([ids[0]], ids[0], T0.AddSeconds(60), CancellationToken.None);

        firstFailure.Should().BeEmpty();
        afterOne.Should().Match<AlertDelivery>(d => d.Id == ids[0] && d.Status == AlertDeliveryStatus.Retrying && d.Attempts == 1
            && d.LastError == "HTTP 503" && d.NextAttemptAt == T0.AddSeconds(31) && d.LastAttemptAt == T0.AddSeconds(1));
        lastFailure.Should().Equal(ids[0]);
        var failed = (await outbox.ListForAlertAsync(alertIds[0], CancellationToken.None)).Single();
        failed.Should().Match<AlertDelivery>(d => d.Status == AlertDeliveryStatus.Failed && d.Attempts == 2 && d.LastError == "HTTP 502"
            && d.DeliveredAt == null, "a finished delivery is never marked delivered afterwards");
        var delivered = (await outbox.ListForAlertAsync(alertIds[1], CancellationToken.None)).Single();
        delivered.Should().Match<AlertDelivery>(d => d.Status == AlertDeliveryStatus.Delivered && d.Attempts == 2 && d.LastError == null
            && d.DeliveredAt == T0.AddSeconds(50) && d.MessageId == ids[1]);
        (await outbox.QueueAsync("hook", 10, CancellationToken.None)).Should().BeEmpty();
        (await outbox.CountUnfinishedAsync(CancellationToken.None)).Should().Be(0);
        (await outbox.CountMessagesSinceAsync("hook", T0.AddSeconds(50), CancellationToken.None)).Should().Be(1, "two deliveries in one digest are one message");
        (await outbox.CountMessagesSinceAsync("hook", T0.AddSeconds(51), CancellationToken.None)).Should().Be(0);
    }
}

public sealed class SqliteAlertDeliveryStoreContract : AlertDeliveryStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoAlertDeliveryStoreContract : AlertDeliveryStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    [SkippableFact]
    public async Task Deliveries_a_crash_left_inside_their_alert_are_relayed_once_by_the_sweep()
    {
        await using var harness = await StoreAsync();
        var alerts = harness.Get<IAlertStore>();
        var outbox = harness.Get<IAlertDeliveryStore>();
        var alert = await alerts.RecordFiringAsync(Occurrence("stranded", T0), CancellationToken.None);
        var stranded = To("hook")(alert, AlertEventKind.Firing, T0).Select(AlertDeliveryDocument.From).ToList();
        var collection = harness.Get<MongoDatabaseProvider>().Collection<AlertDocument>(AlertsSchema.Collection);
        await collection.UpdateOneAsync(AlertMongoQueries.ById(alert.Id), AlertMongoQueries.WithOutbox(
            Builders<AlertDocument>.Update.Set(d => d.LastNotifiedAt, T0), stranded));

        await outbox.RelayStrandedAsync(CancellationToken.None);
        await outbox.RelayStrandedAsync(CancellationToken.None);

        (await outbox.ListForAlertAsync(alert.Id, CancellationToken.None)).Select(d => d.Id).Should().Equal(stranded.Select(d => d.Id));
        (await collection.Find(AlertMongoQueries.ById(alert.Id)).SingleAsync()).Outbox.Should().BeEmpty();
    }
}
