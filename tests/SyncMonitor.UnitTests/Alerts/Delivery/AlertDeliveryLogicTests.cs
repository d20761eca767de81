using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Delivery.Channels;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

namespace SyncMonitor.UnitTests.Alerts.Delivery;

/// <summary>Routing, retry schedule, masking, size limits and message texts.</summary>
public sealed class AlertDeliveryLogicTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    private static AlertsOptions Options(params (string Name, AlertChannelOptions Channel)[] channels)
    {
        var options = new AlertsOptions { PublicBaseUrl = "https://sm.example.test/" };
        foreach (var (name, channel) in channels)
        {
            options.Channels[name] = channel;
        }

        return options;
    }

    private static AlertDeliveryPlanner Planner(AlertsOptions options) => new(new AlertChannelCatalog(Microsoft.Extensions.Options.Options.Create(options)));

    private static AlertChannelOptions Hook(string minLevel = "low", bool enabled = true, params string[] rules)
        => new() { Type = "webhook", Url = "https://hooks.example.test/a?token=t0k3n-value", MinLevel = minLevel, Enabled = enabled, Rules = rules };

    [Fact]
    public void Events_go_to_enabled_channels_whose_level_and_rules_accept_them_and_channel_failing_never_to_its_own_channel()
    {
        var planner = Planner(Options(("all", Hook()), ("high", Hook("high")), ("sync", Hook(rules: "sync_failed")), ("off", Hook(enabled: false))));
        var medium = AlertDeliveryMongoMappingTests.Alert() with { Level = AlertLevel.Medium, Rule = "integrity_level" };
        var failing = medium with { Level = AlertLevel.High, Rule = AlertRules.ChannelFailing, Labels = ChannelFailingAlerts.Labels("ALL") };

        planner.Plan(medium, AlertEventKind.Firing, T0).Select(d => d.Channel).Should().Equal("all");
        planner.Plan(medium with { Rule = "sync_failed", Level = AlertLevel.Critical }, AlertEventKind.Firing, T0)
            .Select(d => d.Channel).Should().Equal("all", "high", "sync");
        planner.Plan(failing, AlertEventKind.Firing, T0).Select(d => d.Channel).Should().Equal("high");
    }

    [Fact]
    public void A_resolution_goes_only_where_the_alert_was_announced_at_the_announced_level()
    {
        var planner = Planner(Options(("all", Hook()), ("high", Hook("high"))));
        var resolved = AlertDeliveryMongoMappingTests.Alert() with { Status = AlertStatus.Resolved, Level = AlertLevel.Low };

        planner.Plan(resolved, AlertEventKind.Resolved, T0).Select(d => d.Channel).Should().Equal("all", "high");
        planner.Plan(resolved with { LastNotifiedAt = null, LastNotifiedLevel = null }, AlertEventKind.Resolved, T0).Should().BeEmpty();
    }

    [Fact]
    public void Eight_attempts_with_the_default_backoff_span_about_an_hour()
    {
        var delivery = new AlertDeliveryOptions();

        var waits = Enumerable.Range(1, delivery.MaxAttempts - 1).Select(delivery.RetryDelayAfter).ToList();

        waits.Select(w => w.TotalSeconds).Should().Equal(30, 60, 120, 240, 480, 960, 1800);
        waits.Aggregate(TimeSpan.Zero, (a, b) => a + b).TotalMinutes.Should().BeApproximately(61.5, 0.01);
    }

    [Fact]
    public void Urls_show_where_they_point_but_no_token_and_errors_lose_every_secret()
    {
        ChannelSecrets.MaskUrl("https://oapi.dingtalk.com/robot/send?access_token=abc123def").Should().Be("https://oapi.dingtalk.com/robot/send?access_token=***");
        ChannelSecrets.MaskUrl("http://user:pw@hooks.example.test:8080/x?key=1&b=2").Should().Be("http://hooks.example.test:8080/x?key=***&b=***");
        var channel = new AlertChannelConfig("h", AlertChannelType.Webhook, true, AlertLevel.Low, new HashSet<string>(),
            new AlertChannelOptions { Url = "https://hooks.example.test/a?token=t0k3n-value", Secret = "s3cr3t-hmac" }, SmtpTlsMode.Auto, []);

        ChannelSecrets.Redact(channel, "POST https://hooks.example.test/a?token=t0k3n-value failed; token t0k3n-value, key s3cr3t-hmac")
            .Should().Be("POST *** failed; token ***, key ***");
    }

    [Fact]
    public void Robot_markdown_is_cut_at_a_character_within_its_byte_limit()
    {
        var fitted = MarkdownLimit.Fit(new string('告', 2000), 4096);

        Encoding.UTF8.GetByteCount(fitted).Should().BeLessThanOrEqualTo(4096);
        fitted.Should().EndWith(AlertTexts.Truncated).And.StartWith("告告告");
        MarkdownLimit.Fit("short", 4096).Should().Be("short");
    }

    [Fact]
    public void An_alert_is_news_when_never_announced_when_its_level_rose_or_after_the_repeat_interval()
    {
        var alert = AlertDeliveryMongoMappingTests.Alert();

        (alert with { LastNotifiedAt = null }).AnnouncementKind(AlertLevel.High).Should().Be(AlertEventKind.Firing);
        alert.AnnouncementKind(AlertLevel.Critical).Should().Be(AlertEventKind.Escalated);
        alert.AnnouncementKind(AlertLevel.High).Should().Be(AlertEventKind.Repeated);
        alert.IsAnnouncementDue(AlertLevel.High, T0.AddMinutes(-1)).Should().BeFalse();
        alert.IsAnnouncementDue(AlertLevel.High, T0).Should().BeTrue();
        (alert with { Status = AlertStatus.Acknowledged }).IsAnnouncementDue(AlertLevel.High, T0).Should().BeFalse();
        (alert with { Status = AlertStatus.Resolved }).IsAnnouncementDue(AlertLevel.Critical, T0).Should().BeFalse();
    }

    [Fact]
    public void A_resolution_message_says_when_by_whom_and_how_long_it_lasted_in_beijing_time()
    {
        var composer = new AlertMessageComposer(Microsoft.Extensions.Options.Options.Create(Options()), new FakeTimeProvider(T0.AddHours(3)));
        var resolved = AlertDeliveryMongoMappingTests.Alert() with { Status = AlertStatus.Resolved, ResolvedAt = T0.AddMinutes(95), ResolvedBy = "auto" };
        var delivery = AlertDelivery.Draft(new AlertChannelConfig("m", AlertChannelType.Email, true, AlertLevel.Low, new HashSet<string>(),
            new AlertChannelOptions(), SmtpTlsMode.Auto, []), resolved, AlertEventKind.Resolved, T0.AddMinutes(95));

        var message = composer.Compose("m", [delivery]);

        message.Subject.Should().Be("[SyncMonitor][高] 告警已恢复：同步失败");
        message.Text.Should().Contain("首次出现：2025-03-03 16:00:00（北京时间）（已持续 1 小时 35 分钟）")
            .And.Contain("恢复时间：2025-03-03 17:35:00（北京时间）").And.Contain("处理人：条件已消失，自动恢复")
            .And.Contain("发生次数：2 次").And.Contain("标签：job=stock_basics")
            .And.Contain("https://sm.example.test/?alert=65f000000000000000000001#alerts-panel");
        message.Webhook["event"]!.GetValue<string>().Should().Be("resolved");
    }
}
