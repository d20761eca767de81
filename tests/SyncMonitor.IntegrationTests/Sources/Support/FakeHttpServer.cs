using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) that answers every request through
/// <see cref="Handler"/> and records what it received.</summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHttpServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<RecordedRequest, FakeResponse> Handler { get; set; } = _ => FakeResponse.Json(500, "{}");

    public static async Task<FakeHttpServer> StartAsync(Func<RecordedRequest, FakeResponse>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeHttpServer(app);
        if (handler is not null)
        {
            server.Handler = handler;
        }

        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty, await reader.ReadToEndAsync());
        Requests.Enqueue(request);
        var response = Handler(request);
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up, as the test intends
            }
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body);
    }
}

public sealed record RecordedRequest(string Method, string Path, string Query, string Body);

public sealed record FakeResponse(int Status, string Body, string ContentType = "application/json", TimeSpan Delay = default)
{
    public static FakeResponse Json(string body) => new(200, body);

    public static FakeResponse Json(int status, string body) => new(status, body);
}
