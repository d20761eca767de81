using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Recording;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Benchmarks.OperationLogs;

/// <summary>The real app on Kestrel (127.0.0.1 only) with one extra cheap mutating endpoint,
/// <c>POST /api/bench/noop</c>, for load tests with auditing on or off. Stops when stdin closes and then
/// prints how many entries were stored and dropped.</summary>
internal static class OperationLogBenchHost
{
    public const string NoopPath = "/api/bench/noop";
    public const string ApiKey = "bench-admin-key";

    public static async Task<int> ServeAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var port = options.GetInt("port", 5099);
        var dataDirectory = Path.GetFullPath(options.Get("data", Path.Combine(Path.GetTempPath(), "syncmonitor-bench")));
        var settings = new Dictionary<string, string?>
        {
            ["DataDirectory"] = dataDirectory,
            ["OperationLogs:Enabled"] = options.Get("audit", "on") == "on" ? "true" : "false",
            ["RateLimiting:MutatingPermitsPerMinute"] = "1000000",
            ["RateLimiting:ExportPermitsPerMinute"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Auth:ApiKeys:0:UserId"] = "bench",
            ["Auth:ApiKeys:0:Name"] = "Bench Admin",
            ["Auth:ApiKeys:0:Role"] = "Admin",
            ["Auth:ApiKeys:0:KeyHash"] = ApiKeyRegistry.Hash(ApiKey),
        };

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var factory = new BenchFactory(settings, options.Get("store", "real") == "null");
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        factory.StartServer();
        Console.WriteLine($"READY pid={Environment.ProcessId} port={port} audit={settings["OperationLogs:Enabled"]}");

        await Console.In.ReadToEndAsync(); // the driving script closes stdin to stop the server
        var queue = factory.Services.GetRequiredService<OperationLogQueue>();
        var store = factory.Services.GetRequiredService<IOperationLogStore>();
        await factory.DisposeAsync(); // graceful: the writer drains the queue
        var stored = (await store.ListAsync(OperationLogFilter.All, 1, 1, CancellationToken.None)).Total;
        Console.WriteLine($"STOPPED stored={stored} dropped={queue.Dropped}");
        return 0;
    }

    private sealed class BenchFactory(Dictionary<string, string?> settings, bool discardEntries) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var setting in settings)
            {
                builder.UseSetting(setting.Key, setting.Value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter, NoopEndpoint>();
                if (discardEntries)
                {
                    // Separates the request-side cost of auditing from the cost of storing entries.
                    services.AddSingleton<IOperationLogStore, DiscardingStore>();
                }
            });
        }
    }

    /// <summary>Appended behind the app's pipeline, as the integration tests' endpoints are.</summary>
    private sealed class NoopEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapPost(NoopPath, () => TypedResults.NoContent())
                .RequireAuthorization(Policies.Operator)
                .Audited("bench", "No-op"));
        };
    }

    private sealed class DiscardingStore : IOperationLogStore
    {
        private long _count;

        public Task InsertManyAsync(IReadOnlyList<OperationLog> entries, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _count, entries.Count);
            return Task.CompletedTask;
        }

        public Task<OperationLog?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<OperationLog?>(null);

        public Task<SyncMonitor.Api.Common.Http.PagedResult<OperationLog>> ListAsync(
            OperationLogFilter filter, int page, int pageSize, CancellationToken cancellationToken)
            => Task.FromResult(new SyncMonitor.Api.Common.Http.PagedResult<OperationLog>([], Interlocked.Read(ref _count), page, pageSize));

        public IAsyncEnumerable<OperationLogExportRow> StreamAsync(OperationLogFilter filter, CancellationToken cancellationToken)
            => AsyncEnumerable.Empty<OperationLogExportRow>();

        public Task<OperationLogStats> StatsAsync(DateTimeOffset since, int topUsers, CancellationToken cancellationToken)
            => Task.FromResult(new OperationLogStats(0, 0, null, [], [], []));

        public Task<long> DeleteAsync(DateTimeOffset before, string? actionType, CancellationToken cancellationToken) => Task.FromResult(0L);

        public Task<long> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0L);
    }
}
