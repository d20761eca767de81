using System.Text;
using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>DingTalk and WeCom robots end to end: an alert raised in the host arrives at a local robot that checks
/// the request exactly as the real one does.</summary>
public sealed class RobotDeliveryTests
{
    private const string Secret = "SEC1c2b3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3";
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task An_alert_reaches_a_signed_DingTalk_robot_as_markdown_saying_what_since_when_how_often_with_a_link()
    {
        var robot = new DingTalkRobot(Token, Secret);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = new DeliveryHost().WithChannel("ding-ops", "dingtalk", ("Url", robot.WebhookUrl(receiver)), ("Secret", Secret));

        var alertId = await host.FireAsync("ding", AlertLevel.Critical);
        await host.WaitForStatusAsync(alertId, "delivered");

        var message = receiver.Accepted.Should().ContainSingle().Subject.Json.GetProperty("markdown");
        message.GetProperty("title").GetString().Should().Be("[SyncMonitor][严重] 告警触发：数据检查 ding");
        message.GetProperty("text").GetString().Should()
            .Contain("### [SyncMonitor][严重] 告警触发：数据检查 ding")
            .And.Contain("**规则**：test_rule")
            .And.Contain("**首次出现**：").And.Contain("（北京时间）（已持续")
            .And.Contain("**发生次数**：1 次")
            .And.Contain("**标签**：scope=ding")
            .And.Contain("> 12 rows missing of 5000")
            .And.Contain($"[在仪表盘查看]({DeliveryHost.PublicBaseUrl}/?alert={alertId}#alerts-panel)");
        robot.Rejections.Should().BeEmpty();
        var delivery = (await host.DeliveriesAsync(alertId)).Should().ContainSingle().Subject;
        delivery.GetProperty("channel").GetString().Should().Be("ding-ops");
        delivery.GetProperty("type").GetString().Should().Be("dingtalk");
        delivery.GetProperty("event").GetString().Should().Be("firing");
        delivery.GetProperty("attempts").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_robot_that_refuses_the_signature_with_310000_leaves_the_delivery_retrying_then_failed_and_counted()
    {
        var robot = new DingTalkRobot(Token, Secret);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = new DeliveryHost()
            .WithChannel("ding-wrong", "dingtalk", ("Url", robot.WebhookUrl(receiver)), ("Secret", "SECwrongwrongwrong"))
            .With("Alerts:Delivery:MaxAttempts", "3");

        var alertId = await host.FireAsync("wrong-sign");
        await host.WaitForStatusAsync(alertId, "failed");

        var delivery = (await host.DeliveriesAsync(alertId)).Single();
        delivery.GetProperty("attempts").GetInt32().Should().Be(3);
        delivery.GetProperty("last_error").GetString().Should().Be("DingTalk errcode 310000: sign not match");
        robot.Rejections.Should().Equal("310000", "310000", "310000");
        receiver.Accepted.Should().BeEmpty();
        var metrics = await host.MetricsAsync();
        metrics.Should().Contain("syncmonitor_alert_deliveries_total{channel=\"ding-wrong\",outcome=\"retrying\",type=\"dingtalk\"} 2")
            .And.Contain("syncmonitor_alert_deliveries_total{channel=\"ding-wrong\",outcome=\"failed\",type=\"dingtalk\"} 1")
            .And.Contain("syncmonitor_alert_deliveries_total{channel=\"ding-wrong\",outcome=\"delivered\",type=\"dingtalk\"} 0");
    }

    [Fact]
    public async Task A_backlog_bigger_than_the_robots_minute_goes_as_one_digest_and_never_hits_its_rate_limit()
    {
        var robot = new DingTalkRobot(Token, Secret);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        await receiver.StopAsync();
        using var host = new DeliveryHost().WithChannel("ding-busy", "dingtalk", ("Url", robot.WebhookUrl(receiver)), ("Secret", Secret))
            .With("Alerts:Delivery:MaxAttempts", "50");
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add(await host.FireAsync($"flap-{i}"));
        }

        await receiver.StartAgainAsync();
        foreach (var id in ids)
        {
            await host.WaitForStatusAsync(id, "delivered");
        }

        var digest = receiver.Accepted.Should().ContainSingle().Subject.Json.GetProperty("markdown");
        digest.GetProperty("title").GetString().Should().Be("[SyncMonitor][高] 告警汇总：25 条");
        digest.GetProperty("text").GetString().Should().Contain("告警触发：数据检查 flap-0").And.Contain("告警触发：数据检查 flap-24");
        robot.Rejections.Should().NotContain("130101");
    }

    [Fact]
    public async Task An_alert_reaches_a_WeCom_robot_as_markdown_cut_to_its_4096_byte_limit()
    {
        var robot = new WeComRobot("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = new DeliveryHost().WithChannel("wecom-ops", "wecom", ("Url", robot.WebhookUrl(receiver)));

        await host.Raiser.FireAsync(DeliveryHost.Signal("wecom", message: new string('缺', 3000)), CancellationToken.None);
        var alertId = (await host.AlertAsync("wecom")).GetProperty("id").GetString()!;
        await host.WaitForStatusAsync(alertId, "delivered");

        var content = receiver.Accepted.Should().ContainSingle().Subject.Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Encoding.UTF8.GetByteCount(content).Should().BeLessThanOrEqualTo(4096);
        content.Should().StartWith("### [SyncMonitor][高] 告警触发：数据检查 wecom").And.EndWith("…（内容过长，已截断）");
    }

    [Fact]
    public async Task A_WeCom_robot_at_its_rate_limit_answers_45009_and_the_delivery_is_retried_until_it_is_taken()
    {
        var robot = new WeComRobot("key-under-limit");
        var limited = 2;
        await using var receiver = await ChannelReceiver.StartAsync(request => Interlocked.Decrement(ref limited) >= 0
            ? new ReceiverAnswer(200, """{"errcode":45009,"errmsg":"api freq out of limit, hint: [1700000000_1_abc]"}""", false)
            : robot.Answer(request));
        using var host = new DeliveryHost().WithChannel("wecom-limited", "wecom", ("Url", robot.WebhookUrl(receiver)));

        var alertId = await host.FireAsync("limited");
        await host.WaitForStatusAsync(alertId, "delivered");

        var delivery = (await host.DeliveriesAsync(alertId)).Single();
        delivery.GetProperty("attempts").GetInt32().Should().Be(3);
        receiver.Received.Should().HaveCount(3);
        (await host.MetricsAsync()).Should().Contain("syncmonitor_alert_deliveries_total{channel=\"wecom-limited\",outcome=\"retrying\",type=\"wecom\"} 2");
    }

    [Fact]
    public async Task Raising_an_alert_never_waits_for_a_channel_that_hangs()
    {
        using var release = new CancellationTokenSource();
        await using var receiver = await ChannelReceiver.StartAsync(async request =>
        {
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(release.Token, request.Aborted).Token);
            return ReceiverAnswer.Ok();
        });
        using var host = new DeliveryHost().WithChannel("hook-hangs", "webhook", ("Url", receiver.BaseUrl + "/hook"))
            .With("Alerts:Delivery:SendTimeoutSeconds", "60").With("Alerts:Delivery:LeaseSeconds", "150");

        await host.FireAsync("hang-1");
        await Eventually.HoldsAsync(() => receiver.Received.Count == 1, "the first delivery hangs at the receiver");
        var second = await host.FireAsync("hang-2", AlertLevel.Critical);

        second.Should().NotBeNullOrEmpty("the second alert was raised and stored while the first delivery still hangs");
        receiver.Accepted.Should().BeEmpty();
        await release.CancelAsync();
    }
}
