using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>The outbox under faults: a receiver that is down, a host stopped mid-delivery, two hosts on one store,
/// a channel that keeps failing, and more events than a channel's window allows.</summary>
public sealed class OutboxTests
{
    private static string DataDirectory() => Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));

    private static IEnumerable<string> AcceptedDeliveryIds(ChannelReceiver receiver)
        => receiver.Accepted.Select(r => r.Header("X-SyncMonitor-Delivery"));

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_the_delivery_after_retries_and_every_attempt_is_counted()
    {
        await using var receiver = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Ok());
        await receiver.StopAsync();
        using var host = new DeliveryHost().WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook")).With("Alerts:Delivery:MaxAttempts", "50");

        var alertId = await host.FireAsync("down-then-up");
        await Eventually.HoldsAsync(async () => (await host.DeliveriesAsync(alertId)).Single().GetProperty("attempts").GetInt32() >= 2,
            "two attempts failed while the receiver was down");
        (await host.DeliveriesAsync(alertId)).Single().GetProperty("status").GetString().Should().Be("retrying");
        await receiver.StartAgainAsync();
        await host.WaitForStatusAsync(alertId, "delivered");

        var delivery = (await host.DeliveriesAsync(alertId)).Single();
        var attempts = delivery.GetProperty("attempts").GetInt32();
        attempts.Should().BeGreaterThan(2);
        delivery.GetProperty("last_error").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        receiver.Accepted.Should().ContainSingle();
        var metrics = await host.MetricsAsync();
        metrics.Should().Contain($"syncmonitor_alert_deliveries_total{{channel=\"hook\",outcome=\"retrying\",type=\"webhook\"}} {attempts - 1}")
            .And.Contain("syncmonitor_alert_deliveries_total{channel=\"hook\",outcome=\"delivered\",type=\"webhook\"} 1");
        await Eventually.HoldsAsync(async () => (await host.MetricsAsync()).Contains("\nsyncmonitor_alert_delivery_pending 0", StringComparison.Ordinal),
            "the pending gauge is back to 0");
    }

    [Fact]
    public async Task The_pending_gauge_and_every_channels_counters_are_exported_at_zero_from_the_start()
    {
        using var host = new DeliveryHost().WithChannel("idle", "webhook", ("Url", "http://127.0.0.1:9/never"));

        var metrics = await host.MetricsAsync();

        metrics.Should().Contain("\nsyncmonitor_alert_delivery_pending 0");
        foreach (var outcome in new[] { "delivered", "retrying", "failed" })
        {
            metrics.Should().Contain($"syncmonitor_alert_deliveries_total{{channel=\"idle\",outcome=\"{outcome}\",type=\"webhook\"}} 0");
        }
    }

    [Fact]
    public async Task Stopping_the_host_mid_delivery_loses_nothing_and_the_next_host_sends_each_delivery_once()
    {
        var dataDirectory = DataDirectory();
        var requests = 0;
        await using var receiver = await ChannelReceiver.StartAsync(async request =>
        {
            if (Interlocked.Increment(ref requests) == 3)
            {
                await Task.Delay(Timeout.Infinite, request.Aborted); // hangs until the sender's host goes away
            }

            return ReceiverAnswer.Ok();
        });
        var ids = new List<string>();
        using (var first = new DeliveryHost(dataDirectory).WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook")))
        {
            for (var i = 0; i < 6; i++)
            {
                ids.Add(await first.FireAsync($"restart-{i}"));
            }

            await Eventually.HoldsAsync(() => receiver.Received.Count == 3, "the third delivery is in flight");
        }

        receiver.Accepted.Should().HaveCount(2, "the host stopped while the third delivery was in flight");
        using var second = new DeliveryHost(dataDirectory).WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook"));
        foreach (var id in ids)
        {
            await second.WaitForStatusAsync(id, "delivered");
        }

        var expected = new List<string>();
        foreach (var id in ids)
        {
            expected.Add((await second.DeliveriesAsync(id)).Single().GetProperty("id").GetString()!);
        }

        AcceptedDeliveryIds(receiver).Should().Equal(expected, "each delivery arrived once, in the order the alerts were raised");
        TryDelete(dataDirectory);
    }

    [Fact]
    public async Task Two_hosts_on_one_store_send_every_delivery_exactly_once()
    {
        var dataDirectory = DataDirectory();
        await using var receiver = await ChannelReceiver.StartAsync(async _ =>
        {
            await Task.Delay(20);
            return ReceiverAnswer.Ok();
        });
        using var a = new DeliveryHost(dataDirectory).WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook"));
        using var b = new DeliveryHost(dataDirectory).WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook"));
        _ = a.CreateClient();
        _ = b.CreateClient();

        async Task<List<string>> FireAll(DeliveryHost host, string prefix)
        {
            var fired = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                fired.Add(await host.FireAsync($"{prefix}-{i}"));
            }

            return fired;
        }

        var fired = (await Task.WhenAll(Task.Run(() => FireAll(a, "a")), Task.Run(() => FireAll(b, "b")))).SelectMany(f => f).ToList();
        foreach (var id in fired)
        {
            await a.WaitForStatusAsync(id, "delivered");
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // several more passes of both senders: a second copy would show now
        AcceptedDeliveryIds(receiver).Should().HaveCount(20).And.OnlyHaveUniqueItems();
        receiver.Received.Should().HaveCount(20);
        TryDelete(dataDirectory);
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_raises_channel_failing_on_the_other_channels_and_clears_it_once_it_recovers()
    {
        var broken = true;
        await using var flaky = await ChannelReceiver.StartAsync(_ => broken ? ReceiverAnswer.Refused(503) : ReceiverAnswer.Ok());
        await using var ops = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Ok());
        using var host = new DeliveryHost()
            .WithChannel("flaky", "webhook", ("Url", flaky.BaseUrl + "/hook"))
            .WithChannel("ops", "webhook", ("Url", ops.BaseUrl + "/hook"))
            .With("Alerts:Delivery:FailingAfterAttempts", "2")
            .With("Alerts:Delivery:MaxAttempts", "50");

        await host.FireAsync("needs-both");
        await Eventually.HoldsAsync(() => ops.Accepted.Any(r => r.Json.GetProperty("alert").GetProperty("rule").GetString() == AlertRules.ChannelFailing),
            "ops was told that flaky keeps failing");
        var failing = ops.Accepted.First(r => r.Json.GetProperty("alert").GetProperty("rule").GetString() == AlertRules.ChannelFailing).Json.GetProperty("alert");
        failing.GetProperty("labels").GetProperty("channel").GetString().Should().Be("flaky");
        failing.GetProperty("level").GetString().Should().Be("high");
        failing.GetProperty("message").GetString().Should().Contain("告警通道 flaky 已连续").And.Contain("webhook answered HTTP 503");
        broken = false;

        await Eventually.HoldsAsync(() => ops.Accepted.Any(r => r.Header("X-SyncMonitor-Event") == "resolved"), "ops heard that flaky recovered");
        flaky.Received.Should().NotContain(r => r.Body.Contains(AlertRules.ChannelFailing, StringComparison.Ordinal),
            "a channel is never told about its own failure");
        flaky.Accepted.Should().ContainSingle().Which.Json.GetProperty("alert").GetProperty("title").GetString().Should().Be("数据检查 needs-both");
        var resolved = ops.Accepted.Single(r => r.Header("X-SyncMonitor-Event") == "resolved").Json.GetProperty("alert");
        resolved.GetProperty("rule").GetString().Should().Be(AlertRules.ChannelFailing);
        resolved.GetProperty("resolved_by").GetString().Should().Be("auto");
    }

    [Fact]
    public async Task Events_beyond_a_channels_window_wait_and_leave_together_as_one_digest()
    {
        await using var receiver = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Ok());
        using var host = new DeliveryHost().WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook"))
            .With("Alerts:Delivery:DigestThreshold", "2")
            .With("Alerts:Delivery:DigestWindowSeconds", "10");

        var first = await host.FireAsync("window-1");
        await host.WaitForStatusAsync(first, "delivered");
        var second = await host.FireAsync("window-2");
        await host.WaitForStatusAsync(second, "delivered");
        var waiting = new List<string>();
        for (var i = 3; i <= 5; i++)
        {
            waiting.Add(await host.FireAsync($"window-{i}"));
        }

        receiver.Accepted.Should().HaveCount(2, "the window's two messages are used");
        foreach (var id in waiting)
        {
            (await host.DeliveriesAsync(id)).Single().GetProperty("status").GetString().Should().Be("pending");
        }

        foreach (var id in waiting)
        {
            await host.WaitForStatusAsync(id, "delivered");
        }

        receiver.Accepted.Should().HaveCount(3);
        var digest = receiver.Accepted.Last();
        digest.Header("X-SyncMonitor-Event").Should().Be("digest");
        digest.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("alert").GetProperty("title").GetString())
            .Should().Equal("数据检查 window-3", "数据检查 window-4", "数据检查 window-5");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
