using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>The alert store's contract, for every provider.</summary>
public abstract class AlertStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly AlertDeliveryPlan None = AlertDeliveryPlanner.None;

    private Task<StoreHarness> StoreAsync() => HarnessAsync(services => services.AddAlertStorage());

    private static AlertOccurrence Occurrence(string scope, DateTimeOffset at, AlertLevel level = AlertLevel.High, string message = "m")
    {
        var labels = new Dictionary<string, string> { ["scope"] = scope };
        return new AlertOccurrence(MongoDB.Bson.ObjectId.GenerateNewId().ToString(), "test_rule", level,
            AlertFingerprint.Compute("test_rule", labels), "title " + scope, message, labels, at);
    }

    [SkippableFact]
    public async Task The_first_firing_opens_an_alert_and_repeats_update_it_instead_of_adding_one()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();

        var first = await store.RecordFiringAsync(Occurrence("a", T0, AlertLevel.Medium, "first"), CancellationToken.None);
        var second = await store.RecordFiringAsync(Occurrence("a", T0.AddMinutes(5), AlertLevel.Critical, "second"), CancellationToken.None);
        var late = await store.RecordFiringAsync(Occurrence("a", T0.AddMinutes(1), AlertLevel.Low, "late"), CancellationToken.None);

        first.Should().Match<Alert>(a => a.Status == AlertStatus.Firing && a.Count == 1 && a.FirstSeen == T0 && a.LastNotifiedAt == null);
        first.Labels.Should().Equal(new Dictionary<string, string> { ["scope"] = "a" });
        second.Id.Should().Be(first.Id);
        second.Should().Match<Alert>(a => a.Count == 2 && a.Level == AlertLevel.Critical && a.Message == "second" && a.FirstSeen == T0);
        late.Should().Match<Alert>(a => a.Id == first.Id && a.Count == 3 && a.Level == AlertLevel.Low && a.LastSeen == T0.AddMinutes(5),
            "a firing that reports an earlier time never moves last_seen back");
        (await store.ListAsync(new AlertQuery(10, null, null), CancellationToken.None)).Total.Should().Be(1);
    }

    [SkippableFact]
    public async Task Fifty_concurrent_firings_of_one_fingerprint_leave_one_alert_counted_fifty_times()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();

        var alerts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => store.RecordFiringAsync(Occurrence("burst", T0.AddSeconds(i)), CancellationToken.None))));

        alerts.Select(a => a.Id).Distinct().Should().ContainSingle();
        alerts.Select(a => a.Count).Should().BeEquivalentTo(Enumerable.Range(1, 50), "each firing saw its own increment");
        var list = await store.ListAsync(new AlertQuery(100, null, null), CancellationToken.None);
        list.Items.Should().ContainSingle().Which.Count.Should().Be(50);
    }

    [SkippableFact]
    public async Task Exactly_one_concurrent_claim_wins_the_right_to_notify()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();
        var alert = await store.RecordFiringAsync(Occurrence("claim", T0), CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            store.TryClaimNotificationAsync(alert.Id, AlertLevel.High, T0, T0.AddHours(-1), None, CancellationToken.None))));

        claims.Count(c => c is not null).Should().Be(1);
        var stored = await store.GetAsync(alert.Id, CancellationToken.None);
        stored!.LastNotifiedAt.Should().Be(T0);
        stored.LastNotifiedLevel.Should().Be(AlertLevel.High);
    }

    [SkippableFact]
    public async Task A_claim_succeeds_again_only_after_the_repeat_interval_or_when_the_level_rises()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();
        var alert = await store.RecordFiringAsync(Occurrence("repeat", T0, AlertLevel.Medium), CancellationToken.None);
        var interval = TimeSpan.FromMinutes(60);
        async Task<bool> Claim(AlertLevel level, DateTimeOffset now) => await store.TryClaimNotificationAsync(alert.Id, level, now, now - interval, None, CancellationToken.None) is not null;

        (await Claim(AlertLevel.Medium, T0)).Should().BeTrue("never announced");
        (await Claim(AlertLevel.Medium, T0.AddMinutes(59))).Should().BeFalse("within the interval");
        (await Claim(AlertLevel.Low, T0.AddMinutes(59))).Should().BeFalse("a falling level is no news");
        (await Claim(AlertLevel.High, T0.AddMinutes(59))).Should().BeTrue("the level rose");
        (await Claim(AlertLevel.High, T0.AddMinutes(100))).Should().BeFalse("the interval restarts at the last announcement");
        (await Claim(AlertLevel.High, T0.AddMinutes(119))).Should().BeTrue("60 minutes after the last announcement");
    }

    [SkippableFact]
    public async Task An_acknowledged_alert_is_claimed_again_only_when_its_level_rises()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();
        var alert = await store.RecordFiringAsync(Occurrence("acked", T0, AlertLevel.Medium), CancellationToken.None);
        (await store.TryClaimNotificationAsync(alert.Id, AlertLevel.Medium, T0, T0.AddHours(-1), None, CancellationToken.None)).Should().NotBeNull();
        await store.AcknowledgeAsync(alert.Id, "u-operator", T0, CancellationToken.None);

        var later = T0.AddDays(1);
        (await store.TryClaimNotificationAsync(alert.Id, AlertLevel.Medium, later, later.AddHours(-1), None, CancellationToken.None)).Should().BeNull();
        (await store.TryClaimNotificationAsync(alert.Id, AlertLevel.Critical, later, later.AddHours(-1), None, CancellationToken.None)).Should().NotBeNull();
    }

    [SkippableFact]
    public async Task Resolving_by_fingerprint_closes_the_open_alert_and_the_next_firing_opens_a_new_one()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();
        var first = await store.RecordFiringAsync(Occurrence("cycle", T0), CancellationToken.None);
        await store.RecordFiringAsync(Occurrence("cycle", T0.AddMinutes(1)), CancellationToken.None);

        var resolved = await store.ResolveOpenAsync(first.Fingerprint, AlertNames.AutoResolver, T0.AddMinutes(2), None, CancellationToken.None);
        var nothingOpen = await store.ResolveOpenAsync(first.Fingerprint, AlertNames.AutoResolver, T0.AddMinutes(3), None, CancellationToken.None);
        var reopened = await store.RecordFiringAsync(Occurrence("cycle", T0.AddMinutes(4)), CancellationToken.None);

        resolved.Should().Match<Alert>(a => a.Id == first.Id && a.Status == AlertStatus.Resolved && a.ResolvedBy == "auto"
            && a.ResolvedAt == T0.AddMinutes(2) && a.Count == 2);
        nothingOpen.Should().BeNull();
        reopened.Id.Should().NotBe(first.Id);
        reopened.Count.Should().Be(1);
        (await store.GetAsync(first.Id, CancellationToken.None))!.Status.Should().Be(AlertStatus.Resolved);
    }

    [SkippableFact]
    public async Task Acknowledge_and_resolve_report_what_happened()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();
        var alert = await store.RecordFiringAsync(Occurrence("ops", T0), CancellationToken.None);

        var acked = await store.AcknowledgeAsync(alert.Id, "u-operator", T0.AddMinutes(1), CancellationToken.None);
        var ackedAgain = await store.AcknowledgeAsync(alert.Id, "u-admin", T0.AddMinutes(2), CancellationToken.None);
        var stillCounting = await store.RecordFiringAsync(Occurrence("ops", T0.AddMinutes(3)), CancellationToken.None);
        var resolved = await store.ResolveAsync(alert.Id, "u-admin", T0.AddMinutes(4), None, CancellationToken.None);
        var resolvedAgain = await store.ResolveAsync(alert.Id, "u-admin", T0.AddMinutes(5), None, CancellationToken.None);
        var ackResolved = await store.AcknowledgeAsync(alert.Id, "u-admin", T0.AddMinutes(5), CancellationToken.None);
        var unknown = await store.ResolveAsync("000000000000000000000000", "u-admin", T0, None, CancellationToken.None);

        acked.Change.Should().Be(AlertChange.Changed);
        acked.Alert!.Should().Match<Alert>(a => a.Status == AlertStatus.Acknowledged && a.AcknowledgedBy == "u-operator" && a.AcknowledgedAt == T0.AddMinutes(1));
        ackedAgain.Change.Should().Be(AlertChange.Unchanged);
        ackedAgain.Alert!.AcknowledgedBy.Should().Be("u-operator");
        stillCounting.Should().Match<Alert>(a => a.Id == alert.Id && a.Count == 2 && a.Status == AlertStatus.Acknowledged);
        resolved.Change.Should().Be(AlertChange.Changed);
        resolved.Alert!.Should().Match<Alert>(a => a.Status == AlertStatus.Resolved && a.ResolvedBy == "u-admin");
        resolvedAgain.Change.Should().Be(AlertChange.AlreadyResolved);
        ackResolved.Change.Should().Be(AlertChange.AlreadyResolved);
        unknown.Change.Should().Be(AlertChange.NotFound);
    }

    [SkippableFact]
    public async Task Lists_newest_last_seen_first_with_filters_limit_and_total_and_counts_firing_by_level()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IAlertStore>();
        var low = await store.RecordFiringAsync(Occurrence("l", T0.AddMinutes(1), AlertLevel.Low), CancellationToken.None);
        var high = await store.RecordFiringAsync(Occurrence("h", T0.AddMinutes(3), AlertLevel.High), CancellationToken.None);
        var high2 = await store.RecordFiringAsync(Occurrence("h2", T0.AddMinutes(2), AlertLevel.High), CancellationToken.None);
        var critical = await store.RecordFiringAsync(Occurrence("c", T0.AddMinutes(4), AlertLevel.Critical), CancellationToken.None);
        await store.AcknowledgeAsync(high2.Id, "u-operator", T0.AddMinutes(5), CancellationToken.None);
        await store.ResolveAsync(critical.Id, "u-operator", T0.AddMinutes(5), None, CancellationToken.None);

        var all = await store.ListAsync(new AlertQuery(10, null, null), CancellationToken.None);
        var top2 = await store.ListAsync(new AlertQuery(2, null, null), CancellationToken.None);
        var highs = await store.ListAsync(new AlertQuery(10, null, AlertLevel.High), CancellationToken.None);
        var firingHigh = await store.ListAsync(new AlertQuery(10, AlertStatus.Firing, AlertLevel.High), CancellationToken.None);
        var counts = await store.CountFiringByLevelAsync(CancellationToken.None);

        all.Items.Select(a => a.Id).Should().Equal(critical.Id, high.Id, high2.Id, low.Id);
        top2.Items.Select(a => a.Id).Should().Equal(critical.Id, high.Id);
        top2.Total.Should().Be(4);
        highs.Items.Select(a => a.Id).Should().Equal(high.Id, high2.Id);
        firingHigh.Items.Should().ContainSingle().Which.Id.Should().Be(high.Id);
        counts.Should().BeEquivalentTo(new Dictionary<AlertLevel, long> { [AlertLevel.Low] = 1, [AlertLevel.High] = 1 });
    }
}

public sealed class SqliteAlertStoreContract : AlertStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoAlertStoreContract : AlertStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
