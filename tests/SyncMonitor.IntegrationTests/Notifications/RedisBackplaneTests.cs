using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Realtime;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>Two instances on one redis-server: what one publishes reaches clients connected to the other.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisBackplaneTests(RedisFixture redis)
{
    [Fact]
    public async Task A_notification_raised_on_one_instance_reaches_the_users_client_on_another()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using var hostA = SyncMonitorFactory.ForDataDirectory(dataDirectory).With("Redis:ConnectionString", redis.Server.ConnectionString);
            using var hostB = SyncMonitorFactory.ForDataDirectory(dataDirectory).With("Redis:ConnectionString", redis.Server.ConnectionString);
            await using var clientOnB = await HubTestClient.ConnectAsync(hostB, TestApiKeys.Viewer);
            await clientOnB.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, HubTestClient.RecentTaskId);

            var created = await hostA.Services.GetRequiredService<NotificationService>().CreateAsync(
                new NotificationRequest("u-viewer", NotificationType.Sync, "from A", "c", NotificationSeverities.Success, null, "test"),
                CancellationToken.None);
            var (name, payload) = await clientOnB.NextAsync();
            await hostA.Services.GetRequiredService<IRealtimePublisher>()
                .PublishTaskProgressAsync(HubTestClient.RecentTaskId, new { TaskId = HubTestClient.RecentTaskId, Progress = 10.0 }, CancellationToken.None);
            var (progressName, progress) = await clientOnB.NextAsync();

            name.Should().Be(NotificationsHubEvents.Notification);
            payload.GetProperty("notification").GetProperty("id").GetString().Should().Be(created.Id);
            progressName.Should().Be(NotificationsHubEvents.SyncProgress);
            progress.GetProperty("task_id").GetString().Should().Be(HubTestClient.RecentTaskId);
            hostA.Services.GetRequiredService<HubLifetimeManager<NotificationsHub>>().Should().BeOfType<RedisHubLifetimeManager<NotificationsHub>>();

            await using var connection = await redis.Server.ConnectAsync();
            var channels = await connection.GetServer(connection.GetEndPoints()[0])
                .SubscriptionChannelsAsync(RedisChannel.Pattern("*"));
            // Every SignalR channel carries the prefix (the client library's own housekeeping channel aside).
            channels.Select(c => c.ToString()).Where(c => !c.StartsWith("__Booksleeve", StringComparison.Ordinal))
                .Should().NotBeEmpty().And.OnlyContain(c => c.StartsWith(SignalRSetup.ChannelPrefix + ":", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
