using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>A real Kestrel server on a fixed free loopback port, standing in for a robot or a webhook receiver.
/// Every request is recorded in <see cref="Received"/>; a request the handler accepted and whose answer was written
/// is also in <see cref="Accepted"/> (what the sender may count as delivered). It can be stopped (the
/// port then refuses connections, as a receiver that is down) and started again on the same port.</summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    private readonly Func<ReceivedRequest, Task<ReceiverAnswer>> _handler;
    private WebApplication? _app;

    private ChannelReceiver(Func<ReceivedRequest, Task<ReceiverAnswer>> handler)
    {
        _handler = handler;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public ConcurrentQueue<ReceivedRequest> Accepted { get; } = new();

    public static async Task<ChannelReceiver> StartAsync(Func<ReceivedRequest, Task<ReceiverAnswer>> handler)
    {
        var receiver = new ChannelReceiver(handler);
        await receiver.StartAgainAsync();
        return receiver;
    }

    public static Task<ChannelReceiver> StartAsync(Func<ReceivedRequest, ReceiverAnswer> handler)
        => StartAsync(request => Task.FromResult(handler(request)));

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(context.RequestAborted),
            context.RequestAborted);
        Received.Enqueue(request);
        ReceiverAnswer answer;
        try
        {
            answer = await _handler(request);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the sender hung up (e.g. its host stopped): not accepted
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        await context.Response.CompleteAsync();
        if (answer.Accepted)
        {
            Accepted.Enqueue(request);
        }
    }
}

public sealed record ReceivedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    CancellationToken Aborted)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}

/// <summary>An answer; <paramref name="Accepted"/> says whether the message counts as received (a 2xx for a webhook,
/// <c>errcode: 0</c> for a robot, which answers HTTP 200 either way).</summary>
public sealed record ReceiverAnswer(int Status, string Body, bool Accepted)
{
    public static ReceiverAnswer Ok(string body = "{}") => new(200, body, true);

    public static ReceiverAnswer Refused(int status, string body = "{}") => new(status, body, false);
}
