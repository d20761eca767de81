using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Realtime;
using SyncMonitor.IntegrationTests.Notifications;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 rows 8 and 14, through real SignalR clients: a connection follows at most 32 recent, well-formed
/// tasks; a stock client that only has <c>accessTokenFactory</c> (it sends <c>Authorization: Bearer</c>) connects.</summary>
public sealed class HubAbuseTests : IClassFixture<HostileHost>
{
    private readonly HostileHost _host;

    public HubAbuseTests(HostileHost host) => _host = host;

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    public async Task A_stock_client_with_only_an_access_token_factory_connects_and_hears_its_user_group(HttpTransportType transport)
    {
        var server = _host.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, NotificationsApiPaths.Hub), options =>
            {
                options.Transports = transport;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(TestApiKeys.Viewer);
            })
            .Build();
        var heard = new TaskCompletionSource<System.Text.Json.JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<System.Text.Json.JsonElement>(NotificationsHubEvents.Notification, payload => heard.TrySetResult(payload));

        await connection.StartAsync();
        await connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, HubTestClient.RecentTaskId);
        await _host.Services.GetRequiredService<NotificationService>().CreateAsync(
            new NotificationRequest("u-viewer", NotificationType.Sync, "bearer", "c", NotificationSeverities.Success, null, "test"),
            CancellationToken.None);

        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(30))).GetProperty("notification").GetProperty("title").GetString().Should().Be("bearer");
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_refused_and_the_bearer_header_counts_only_on_the_hub_path()
    {
        var server = _host.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, NotificationsApiPaths.Hub), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>("wrong-" + Guid.NewGuid().ToString("N"));
            })
            .Build();
        await connection.Invoking(c => c.StartAsync()).Should().ThrowAsync<HttpRequestException>();

        var client = _host.CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestApiKeys.Viewer);
        (await client.GetAsync("/api/auth/me")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_connection_follows_at_most_32_tasks_and_a_flood_of_new_names_is_refused()
    {
        await using var client = await HubTestClient.ConnectAsync(_host, TestApiKeys.Viewer);
        var started = DateTime.UtcNow.AddMinutes(-5);
        var ids = Enumerable.Range(0, 40).Select(i => HubTestClient.NewTaskId(started, i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var id in ids.Take(NotificationsHub.MaxTasksPerConnection))
        {
            await client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, id);
        }

        await client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, ids[0]); // already followed: no new group
        var refused = 0;
        for (var i = 0; i < 2000; i++)
        {
            try
            {
                await client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, HubTestClient.NewTaskId(started, $"f{i:x7}"));
            }
            catch (HubException ex) when (ex.Message.Contains("At most 32", StringComparison.Ordinal))
            {
                refused++;
            }
        }

        refused.Should().Be(2000);
        await client.Connection.InvokeAsync(NotificationsHubMethods.UnsubscribeTask, ids[1]);
        await client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, ids[35]); // room for one again
    }

    [Theory]
    [InlineData("task-42")]
    [InlineData("stock_basics-20190101T000000-0000abcd")]
    [InlineData("stock_basics-29991231T000000-0000abcd")]
    [InlineData("stock_basics-20261301T000000-0000abcd")]
    public async Task An_old_future_or_timeless_task_id_is_refused(string taskId)
    {
        await using var client = await HubTestClient.ConnectAsync(_host, TestApiKeys.Viewer);
        var subscribe = () => client.Connection.InvokeAsync(NotificationsHubMethods.SubscribeTask, taskId);
        (await subscribe.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("last 7 days");
    }
}
