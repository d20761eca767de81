using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Issue 13 item 8: two hosts on one SQLite file (and one redis-server). A run that shows as ended on any
/// instance no longer holds the lock; a cancel requested on the other instance reaches the owner over Redis at once,
/// and without Redis at the owner's next heartbeat. Latencies are printed (README numbers), never asserted.</summary>
[Collection(RedisCollection.Name)]
public sealed class CrossInstanceTests(RedisFixture redis, ITestOutputHelper output)
{
    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));

    private SyncMonitorFactory Host(string directory, bool withRedis) => SyncMonitorFactory.ForDataDirectory(directory)
        .With("Redis:ConnectionString", withRedis ? redis.Server.ConnectionString : string.Empty);

    [Fact]
    public async Task A_cancel_on_another_instance_reaches_the_owner_over_redis_long_before_its_next_heartbeat()
    {
        var directory = NewDirectory();
        using var owner = Host(directory, withRedis: true).With("Sources:demo:DelayMs", "1500").With("Sync:HeartbeatSeconds", "30");
        using var other = Host(directory, withRedis: true).With("Sync:HeartbeatSeconds", "30");
        var a = owner.CreateClient(TestApiKeys.Operator);
        var b = other.CreateClient(TestApiKeys.Operator);
        b.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the run's message below, in English
        await b.GetAsync(SyncApiPaths.Current); // both hosts started (and subscribed)
        var run = await (await a.RunStockBasicsAsync()).AcceptedRunAsync();

        var clock = Stopwatch.StartNew();
        (await b.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var ended = await b.WaitForEndAsync(run.TaskId());
        output.WriteLine($"cancel on the other instance → run recorded ended and lock free: {clock.ElapsedMilliseconds} ms (heartbeat every 30 s)");

        ended.GetProperty("status").GetString().Should().Be("cancelled");
        ended.GetProperty("message").GetString().Should().Be("cancelled by u-operator (through another instance)",
            "it came over Redis pub/sub, not through the lease at a heartbeat (which would be ~30 s away)");
    }

    [Fact]
    public async Task Without_redis_a_cancel_on_another_instance_arrives_at_the_owners_next_heartbeat()
    {
        var directory = NewDirectory();
        using var owner = Host(directory, withRedis: false).With("Sources:demo:DelayMs", "1500")
            .With("Sync:HeartbeatSeconds", "2").With("Sync:LeaseSeconds", "5");
        using var other = Host(directory, withRedis: false);
        var a = owner.CreateClient(TestApiKeys.Operator);
        var b = other.CreateClient(TestApiKeys.Operator);
        b.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the run's message below, in English
        var run = await (await a.RunStockBasicsAsync()).AcceptedRunAsync();

        var clock = Stopwatch.StartNew();
        (await b.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var ended = await b.WaitForEndAsync(run.TaskId());
        output.WriteLine($"cancel without Redis → run recorded ended and lock free: {clock.ElapsedMilliseconds} ms (heartbeat every 2 s)");

        ended.GetProperty("status").GetString().Should().Be("cancelled");
        ended.GetProperty("message").GetString().Should().Be("cancelled through the sync lock (another instance)");
    }

    [Fact]
    public async Task A_start_on_another_instance_is_accepted_as_soon_as_the_run_shows_as_ended_there()
    {
        var directory = NewDirectory();
        using var hostA = Host(directory, withRedis: true);
        using var hostB = Host(directory, withRedis: true).With("Sync:StatusCacheMilliseconds", "0");
        var a = hostA.CreateClient(TestApiKeys.Operator);
        var b = hostB.CreateClient(TestApiKeys.Operator);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var run = await (await a.RunStockBasicsAsync()).AcceptedRunAsync();
            await Eventually.HoldsAsync(async () =>
            {
                // The SPA's way, on the other instance: poll the status, start the moment the run no longer shows running.
                var status = (await b.GetFromJsonAsync<JsonElement>(SyncApiPaths.StockBasicsStatus)).GetProperty("data");
                return status.TaskId() == run.TaskId() && status.GetProperty("status").GetString() != "running";
            }, "the run shows as ended on the other instance");

            var next = await b.RunStockBasicsAsync();
            next.StatusCode.Should().Be(HttpStatusCode.Accepted, "attempt {0}: a run that shows as ended holds the lock on no instance", attempt);
            await b.WaitForEndAsync((await next.AcceptedRunAsync()).TaskId());
        }
    }
}
