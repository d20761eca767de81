using System.Diagnostics;
using SyncMonitor.IntegrationTests.Dashboard;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Notifications;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 row 14 with the real JavaScript client: the dashboard's vendored, unchanged @microsoft/signalr
/// build, run by Node against a real Kestrel port, given only <c>accessTokenFactory</c> (it sends
/// <c>Authorization: Bearer</c> on negotiate and long polling). Its optional Node packages (ws, eventsource, a cookie
/// jar) are not installed and not needed for long polling over Node's fetch, so the script stubs them.</summary>
public sealed class StockJsClientTests
{
    private const string Script = """
        // The stock client's optional Node dependencies (WebSockets, SSE, a cookie jar) are not installed here; long polling
        // over Node's own fetch needs none of them, so they are stubbed.
        const Module = require('module');
        const stubs = { ws: function Unused() {}, eventsource: function Unused() {}, 'tough-cookie': { CookieJar: class {} }, 'fetch-cookie': f => f };
        const load = Module._load;
        Module._load = function (request, ...rest) { return request in stubs ? stubs[request] : load.call(this, request, ...rest); };
        globalThis.self = globalThis;
        const [, , bundle, url, token, taskId] = process.argv;
        const signalR = require(bundle);
        const connection = new signalR.HubConnectionBuilder()
          .withUrl(url, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.LongPolling })
          .configureLogging(signalR.LogLevel.None)
          .build();
        connection.start()
          .then(() => connection.invoke('SubscribeTask', taskId))
          .then(() => { console.log('connected'); return connection.stop(); })
          .then(() => process.exit(0))
          .catch(e => { console.log('failed: ' + (e && e.message)); process.exit(1); });
        """;

    [SkippableTheory]
    [InlineData(TestApiKeys.Viewer, "connected")]
    [InlineData("wrong-key", "failed")]
    public async Task A_stock_js_client_with_only_an_access_token_factory_connects(string token, string outcome)
    {
        // The system's node, else the one the Playwright package ships beside the tests (so a fresh machine runs it too).
        var bundled = Path.Combine(AppContext.BaseDirectory, ".playwright", "node", "linux-x64", "node");
        var node = FindOnPath("node") ?? (File.Exists(bundled) ? bundled : null);
        Skip.If(node is null, "node is not installed");
        var bundle = FindUp(Path.Combine("src", "SyncMonitor.Api", "Modules", "Dashboard", "wwwroot", "signalr.min.js"));
        using var host = DashboardHost.Start(new SyncMonitorFactory());
        var script = Path.Combine(Path.GetTempPath(), $"stock-signalr-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var start = new ProcessStartInfo(node!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { script, bundle, new Uri(host.BaseAddress, "/hubs/notifications").ToString(), token, HubTestClient.RecentTaskId })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            output.Trim().Should().StartWith(outcome, await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
