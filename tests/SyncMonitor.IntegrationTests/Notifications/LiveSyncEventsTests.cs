using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Realtime;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>What a client connected to the hub sees of a real sync run: ordered progress, the run's status, and
/// the notification with the unread count — on the starting user's connection only.</summary>
public sealed class LiveSyncEventsTests
{
    [Fact]
    public async Task A_subscriber_sees_progress_in_order_and_the_starting_user_alone_gets_the_notification()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "300");
        await using var operatorHub = await HubTestClient.ConnectAsync(host, TestApiKeys.Operator);
        await using var viewerHub = await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer);
        var client = host.CreateClient(TestApiKeys.Operator);

        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        await operatorHub.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, taskId);
        var progress = new List<double>();
        var ended = Stopwatch.StartNew();
        System.Text.Json.JsonElement? notification = null;
        while (notification is null)
        {
            var (name, payload) = await operatorHub.NextAsync();
            if (name == NotificationsHubEvents.SyncProgress && payload.GetProperty("task_id").GetString() == taskId)
            {
                progress.Add(payload.GetProperty("progress").GetDouble());
                if (payload.GetProperty("status").GetString() == "completed")
                {
                    ended.Restart();
                }
            }
            else if (name == NotificationsHubEvents.Notification)
            {
                notification = payload;
            }
        }

        progress.Should().HaveCountGreaterThan(2).And.BeInAscendingOrder("progress events arrive in order");
        progress[^1].Should().Be(100);
        notification.Value.GetProperty("notification").GetProperty("type").GetString().Should().Be("sync");
        notification.Value.GetProperty("notification").GetProperty("content").GetString().Should().Contain(taskId);
        notification.Value.GetProperty("unread_count").GetInt64().Should().Be(1);
        // Generous for a shared 2-core machine; what it took is in the test output.
        ended.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the notification follows the run's end closely");
        Console.WriteLine($"notification arrived {ended.Elapsed.TotalMilliseconds:0} ms after the final progress event");

        var viewerEvents = await DrainAsync(viewerHub);
        viewerEvents.Should().NotContain(NotificationsHubEvents.Notification, "another user's notification is not theirs");
        viewerEvents.Should().NotContain(NotificationsHubEvents.SyncProgress, "progress goes to subscribers of the task only");
        viewerEvents.Should().Contain(NotificationsHubEvents.SyncStatus, "run status goes to everyone");
    }

    private static async Task<List<string>> DrainAsync(HubTestClient hub)
    {
        var names = new List<string>();
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            while (true)
            {
                var next = hub.NextAsync();
                var done = await Task.WhenAny(next, Task.Delay(Timeout.Infinite, quiet.Token));
                if (done != next)
                {
                    break;
                }

                names.Add((await next).Event);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return names;
    }
}
