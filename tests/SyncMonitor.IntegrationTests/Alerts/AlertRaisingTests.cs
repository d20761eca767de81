using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>IAlertRaiser in the real host: de-duplication, re-notification, escalation, auto-resolve.</summary>
public sealed class AlertRaisingTests(AlertsHost host) : IClassFixture<AlertsHost>
{
    [Fact]
    public async Task Repeated_firing_updates_the_open_alert_and_announces_it_once()
    {
        var fingerprint = AlertsHost.FingerprintOf("repeat");
        await host.Raiser.FireAsync(AlertsHost.Signal("repeat", message: "first"), CancellationToken.None);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Raiser.FireAsync(AlertsHost.Signal("repeat", message: "second"), CancellationToken.None);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Raiser.FireAsync(AlertsHost.Signal("repeat", message: "third"), CancellationToken.None);

        var alert = (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Subject;
        alert.GetProperty("count").GetInt64().Should().Be(3);
        alert.GetProperty("message").GetString().Should().Be("third");
        alert.GetProperty("status").GetString().Should().Be("firing");
        alert.GetProperty("level").GetString().Should().Be("high");
        (alert.GetProperty("last_seen").GetDateTimeOffset() - alert.GetProperty("first_seen").GetDateTimeOffset())
            .Should().Be(TimeSpan.FromMinutes(2));
        host.Realtime.AlertEvents(fingerprint).Should().ContainSingle();
        (await host.NotificationsAsync(fingerprint)).Should().ContainSingle();
    }

    [Fact]
    public async Task Fifty_concurrent_firings_make_one_alert_with_count_fifty_and_one_announcement()
    {
        var fingerprint = AlertsHost.FingerprintOf("burst");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => host.Raiser.FireAsync(AlertsHost.Signal("burst"), CancellationToken.None))));

        (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Which.GetProperty("count").GetInt64().Should().Be(50);
        host.Realtime.AlertEvents(fingerprint).Should().ContainSingle();
        (await host.NotificationsAsync(fingerprint)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_still_firing_alert_is_announced_again_only_after_the_repeat_interval()
    {
        var fingerprint = AlertsHost.FingerprintOf("interval");
        await host.Raiser.FireAsync(AlertsHost.Signal("interval"), CancellationToken.None);
        host.Time.Advance(TimeSpan.FromMinutes(59));
        await host.Raiser.FireAsync(AlertsHost.Signal("interval"), CancellationToken.None);
        host.Realtime.AlertEvents(fingerprint).Should().HaveCount(1, "59 minutes is inside the 60-minute interval");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Raiser.FireAsync(AlertsHost.Signal("interval"), CancellationToken.None);

        host.Realtime.AlertEvents(fingerprint).Should().HaveCount(2);
        host.Realtime.AlertEvents(fingerprint)[^1].Count.Should().Be(3);
        (await host.NotificationsAsync(fingerprint)).Should().HaveCount(2);
        (await host.AlertsAsync(fingerprint)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_rising_level_is_announced_at_once_and_a_falling_one_is_not()
    {
        var fingerprint = AlertsHost.FingerprintOf("escalate");
        await host.Raiser.FireAsync(AlertsHost.Signal("escalate", AlertLevel.Low), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("escalate", AlertLevel.Critical), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("escalate", AlertLevel.Medium), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("escalate", AlertLevel.High), CancellationToken.None);

        host.Realtime.AlertEvents(fingerprint).Select(a => a.Level).Should().Equal(AlertLevel.Low, AlertLevel.Critical);
        var notification = (await host.NotificationsAsync(fingerprint)).Should().ContainSingle("only the critical announcement notifies users").Subject;
        notification.GetProperty("severity").GetString().Should().Be("critical");
        notification.GetProperty("title").GetString().Should().StartWith("[CRITICAL]");
        var alert = (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Subject;
        alert.GetProperty("level").GetString().Should().Be("high", "the alert shows the latest level");
        alert.GetProperty("last_notified_level").GetString().Should().Be("critical");
    }

    [Fact]
    public async Task Low_and_medium_alerts_reach_the_hub_but_notify_no_user()
    {
        await host.Raiser.FireAsync(AlertsHost.Signal("quiet-low", AlertLevel.Low), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("quiet-medium", AlertLevel.Medium), CancellationToken.None);

        host.Realtime.AlertEvents(AlertsHost.FingerprintOf("quiet-low")).Should().ContainSingle();
        host.Realtime.AlertEvents(AlertsHost.FingerprintOf("quiet-medium")).Should().ContainSingle();
        (await host.NotificationsAsync(AlertsHost.FingerprintOf("quiet-low"))).Should().BeEmpty();
        (await host.NotificationsAsync(AlertsHost.FingerprintOf("quiet-medium"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Clearing_resolves_the_open_alert_automatically_and_a_new_firing_opens_a_new_alert()
    {
        var fingerprint = AlertsHost.FingerprintOf("clears");
        var labels = new Dictionary<string, string> { ["scope"] = "clears" };
        await host.Raiser.FireAsync(AlertsHost.Signal("clears"), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("clears"), CancellationToken.None);

        await host.Raiser.ClearAsync("test_rule", labels, CancellationToken.None);
        await host.Raiser.ClearAsync("test_rule", labels, CancellationToken.None);
        var afterClear = (await host.AlertsAsync(fingerprint)).Should().ContainSingle().Subject;
        await host.Raiser.FireAsync(AlertsHost.Signal("clears"), CancellationToken.None);

        afterClear.GetProperty("status").GetString().Should().Be("resolved");
        afterClear.GetProperty("resolved_by").GetString().Should().Be("auto");
        var alerts = await host.AlertsAsync(fingerprint);
        alerts.Should().HaveCount(2);
        alerts.Select(a => a.GetProperty("status").GetString()).Should().BeEquivalentTo("firing", "resolved");
        alerts.Single(a => a.GetProperty("status").GetString() == "firing").GetProperty("count").GetInt64().Should().Be(1);
        // The reopened alert is announced as new.
        host.Realtime.AlertEvents(fingerprint).Select(a => a.Status).Should().Equal(AlertStatus.Firing, AlertStatus.Resolved, AlertStatus.Firing);
    }

    [Fact]
    public async Task Clearing_a_rule_with_nothing_open_changes_nothing()
    {
        var clear = () => host.Raiser.ClearAsync("never_fired", new Dictionary<string, string> { ["scope"] = "none" }, CancellationToken.None);
        await clear.Should().NotThrowAsync();
        host.Realtime.AlertEvents(AlertsHost.FingerprintOf("none", "never_fired")).Should().BeEmpty();
    }

    [Fact]
    public async Task Label_names_outside_the_safe_alphabet_are_a_programming_error()
    {
        var fire = () => host.Raiser.FireAsync(
            new AlertSignal("test_rule", AlertLevel.Low, "t", "m", new Dictionary<string, string> { ["$where"] = "x" }), CancellationToken.None);
        await fire.Should().ThrowAsync<ArgumentException>();
    }
}
