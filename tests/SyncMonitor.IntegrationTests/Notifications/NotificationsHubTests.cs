using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Realtime;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary><c>/hubs/notifications</c> on one host without Redis.</summary>
public sealed class NotificationsHubTests(SyncMonitorFactory host) : IClassFixture<SyncMonitorFactory>
{
    private Task<Notification> NotifyAsync(string userId, string title = "hello")
        => host.Services.GetRequiredService<NotificationService>().CreateAsync(
            new NotificationRequest(userId, NotificationType.System, title, "content", NotificationSeverities.Info, null, "test"),
            CancellationToken.None);

    [Fact]
    public async Task A_connection_without_a_valid_key_is_refused()
    {
        var noKey = () => HubTestClient.ConnectAsync(host, apiKey: null);
        var wrongKeyInQuery = () => HubTestClient.ConnectAsync(host, "not-a-key", keyInQuery: true);
        var noKeyOverWebSockets = () => HubTestClient.ConnectAsync(host, apiKey: null, transport: HttpTransportType.WebSockets);

        (await noKey.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrongKeyInQuery.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await noKeyOverWebSockets.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task A_notification_arrives_live_on_its_users_connections_only()
    {
        await using var viewer = await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer);
        await using var other = await HubTestClient.ConnectAsync(host, TestApiKeys.OtherViewer, keyInQuery: true, HttpTransportType.WebSockets);

        var forViewer = await NotifyAsync("u-viewer", "for the viewer");
        var (name, payload) = await viewer.NextAsync();
        var forOther = await NotifyAsync("u-viewer-2", "for the other viewer");
        var (otherName, otherPayload) = await other.NextAsync();

        name.Should().Be(NotificationsHubEvents.Notification);
        payload.GetProperty("notification").GetProperty("id").GetString().Should().Be(forViewer.Id);
        payload.GetProperty("notification").GetProperty("user_id").GetString().Should().Be("u-viewer");
        payload.GetProperty("unread_count").GetInt64().Should().BeGreaterThanOrEqualTo(1);
        // Events reach a connection in the order they were sent: had the other connection been sent the
        // viewer's notification, it would have arrived first.
        otherName.Should().Be(NotificationsHubEvents.Notification);
        otherPayload.GetProperty("notification").GetProperty("id").GetString().Should().Be(forOther.Id);
    }

    [Fact]
    public async Task A_task_subscription_receives_sync_progress_until_unsubscribed()
    {
        await using var client = await HubTestClient.ConnectAsync(host, TestApiKeys.Operator);
        var realtime = host.Services.GetRequiredService<IRealtimePublisher>();

        await client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, HubTestClient.RecentTaskId);
        await realtime.PublishTaskProgressAsync(HubTestClient.RecentTaskId, new { TaskId = HubTestClient.RecentTaskId, Progress = 50.5 }, CancellationToken.None);
        var (name, payload) = await client.NextAsync();
        await client.Connection.InvokeAsync(NotificationsHubMethods.UnsubscribeTask, HubTestClient.RecentTaskId);
        await realtime.PublishTaskProgressAsync(HubTestClient.RecentTaskId, new { TaskId = HubTestClient.RecentTaskId, Progress = 60.0 }, CancellationToken.None);
        await NotifyAsync("u-operator", "marker");
        var (afterName, _) = await client.NextAsync();

        name.Should().Be(NotificationsHubEvents.SyncProgress);
        payload.GetProperty("task_id").GetString().Should().Be(HubTestClient.RecentTaskId, "payloads use the app's snake_case JSON");
        payload.GetProperty("progress").GetDouble().Should().Be(50.5);
        afterName.Should().Be(NotificationsHubEvents.Notification, "no progress arrives after unsubscribing");
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    public async Task A_malformed_task_id_is_refused(string taskId)
    {
        await using var client = await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer);

        var subscribe = () => client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, taskId);

        (await subscribe.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("task_id");
    }

    [Fact]
    public async Task Alerts_and_sync_status_reach_every_connection()
    {
        await using var first = await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer);
        await using var second = await HubTestClient.ConnectAsync(host, TestApiKeys.Admin);

        await host.Services.GetRequiredService<IAlertRaiser>().FireAsync(
            new AlertSignal("hub_test", AlertLevel.Low, "hub alert", "m", new Dictionary<string, string> { ["scope"] = "hub" }),
            CancellationToken.None);
        await host.Services.GetRequiredService<IRealtimePublisher>().PublishSyncStatusAsync(new { Status = "running" }, CancellationToken.None);

        foreach (var client in new[] { first, second })
        {
            var (alertName, alert) = await client.NextAsync();
            var (statusName, status) = await client.NextAsync();
            alertName.Should().Be(NotificationsHubEvents.Alert);
            alert.GetProperty("rule").GetString().Should().Be("hub_test");
            alert.GetProperty("level").GetString().Should().Be("low");
            statusName.Should().Be(NotificationsHubEvents.SyncStatus);
            status.GetProperty("status").GetString().Should().Be("running");
        }
    }

    [Fact]
    public void Without_redis_the_hub_stays_in_process()
        => host.Services.GetRequiredService<HubLifetimeManager<NotificationsHub>>().Should().BeOfType<DefaultHubLifetimeManager<NotificationsHub>>();
}
