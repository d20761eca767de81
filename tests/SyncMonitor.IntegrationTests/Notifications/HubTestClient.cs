using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Realtime;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>A SignalR client of <c>/hubs/notifications</c> on a test server, recording every server event in
/// arrival order.</summary>
internal sealed class HubTestClient : IAsyncDisposable
{
    private static readonly string[] Events =
    [
        NotificationsHubEvents.Notification, NotificationsHubEvents.SyncProgress, NotificationsHubEvents.SyncStatus, NotificationsHubEvents.Alert,
    ];

    private readonly Channel<(string Event, JsonElement Payload)> _incoming = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly List<(string Event, JsonElement Payload)> _received = [];

    private HubTestClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in Events)
        {
            connection.On<JsonElement>(name, payload => _incoming.Writer.TryWrite((name, payload)));
        }
    }

    public HubConnection Connection { get; }

    /// <summary>A well-formed task id of a task started when the tests started (the hub only follows recent tasks).</summary>
    public static string RecentTaskId { get; } = NewTaskId(DateTime.UtcNow);

    public static string NewTaskId(DateTime started, string suffix = "0000abcd")
        => $"stock_basics-{started.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture)}-{suffix}";

    /// <summary>Everything taken so far with <see cref="NextAsync"/>.</summary>
    public IReadOnlyList<(string Event, JsonElement Payload)> Received => _received;

    /// <summary>Builds and starts a connection. The key goes in <c>X-Api-Key</c>, or in the <c>access_token</c>
    /// query as a browser sends it; WebSockets or long polling.</summary>
    public static async Task<HubTestClient> ConnectAsync<T>(
        WebApplicationFactory<T> host, string? apiKey, bool keyInQuery = false, HttpTransportType transport = HttpTransportType.LongPolling)
        where T : class
    {
        var server = host.Server;
        var query = keyInQuery && apiKey is not null ? "?access_token=" + Uri.EscapeDataString(apiKey) : string.Empty;
        var url = new Uri(server.BaseAddress, NotificationsApiPaths.Hub + query);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.Transports = transport;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (!keyInQuery && apiKey is not null)
                {
                    options.Headers["X-Api-Key"] = apiKey;
                }

                if (transport == HttpTransportType.WebSockets)
                {
                    options.SkipNegotiation = true;
                    options.WebSocketFactory = async (context, cancellationToken) =>
                    {
                        var client = server.CreateWebSocketClient();
                        if (!keyInQuery && apiKey is not null)
                        {
                            client.ConfigureRequest = request => request.Headers["X-Api-Key"] = apiKey;
                        }

                        return await client.ConnectAsync(context.Uri, cancellationToken);
                    };
                }
            })
            .Build();
        var client = new HubTestClient(connection);
        try
        {
            await connection.StartAsync();
            // The server runs OnConnectedAsync (joining user:{id}) before it dispatches any invocation, so a
            // completed call means the connection is in its groups.
            await connection.InvokeAsync(NotificationsHubMethods.UnsubscribeTask, "warm-up");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return client;
    }

    /// <summary>The next event, whatever it is; fails after a generous deadline.</summary>
    public async Task<(string Event, JsonElement Payload)> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var next = await _incoming.Reader.ReadAsync(deadline.Token);
        _received.Add(next);
        return next;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
