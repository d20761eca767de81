using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Manager;
using Xunit.Abstractions;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Issue 21: two service processes on one SQLite file, starts every ~1 s on either, a random one SIGKILLed
/// and restarted every 12–25 s, for about a minute (seeded: the seed is printed; SYNCMONITOR_TEST_SEED replays it,
/// SYNCMONITOR_CHAOS_SECONDS changes the length). Afterwards — once the dead owners' leases expired and a sweep ran —
/// history must tell the truth: every accepted task has exactly one record, none is running, fencing tokens are
/// unique, the recorded intervals are disjoint and ordered like the tokens, and every interrupted run belonged to a
/// killed process.</summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int LeaseSeconds = 10;

    [Fact]
    public async Task Two_hosts_on_one_sqlite_file_killed_at_random_never_record_overlapping_runs()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SYNCMONITOR_TEST_SEED"), out var given) ? given : Environment.TickCount;
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("SYNCMONITOR_CHAOS_SECONDS"), out var length) ? length : 60;
        output.WriteLine($"seed: {seed} (replay with SYNCMONITOR_TEST_SEED={seed}), {seconds} s");
        var random = new Random(seed);
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var hosts = new[] { ChaosHost.Start(directory), ChaosHost.Start(directory) };
        var killed = new List<int>();
        var accepted = new List<string>();
        try
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            var nextKill = DateTime.UtcNow.AddSeconds(random.Next(12, 25));
            while (DateTime.UtcNow < end)
            {
                if (await hosts[random.Next(2)].TryStartAsync() is { } taskId)
                {
                    accepted.Add(taskId);
                }

                if (DateTime.UtcNow >= nextKill)
                {
                    var victim = random.Next(2);
                    killed.Add(hosts[victim].Pid);
                    output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} SIGKILL host {victim} (pid {hosts[victim].Pid})");
                    hosts[victim].Dispose();
                    hosts[victim] = ChaosHost.Start(directory);
                    nextKill = DateTime.UtcNow.AddSeconds(random.Next(12, 25));
                }

                await Task.Delay(random.Next(600, 1400));
            }

            var history = await SettledHistoryAsync(hosts[0]);
            output.WriteLine($"{accepted.Count} accepted starts, {history.Count} records, {killed.Count} kills");
            foreach (var run in history.OrderBy(r => r.Token))
            {
                output.WriteLine($"  {run.Token,3} {run.Status,-10} {run.Started:HH:mm:ss.fff} → {run.Finished:HH:mm:ss.fff} {run.Owner} {run.Message}");
            }

            AssertTruthful(history, accepted, killed);
            accepted.Should().NotBeEmpty();
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }

    private static void AssertTruthful(IReadOnlyList<RunRow> history, IReadOnlyList<string> accepted, IReadOnlyList<int> killed)
    {
        foreach (var taskId in accepted)
        {
            history.Count(r => r.TaskId == taskId).Should().Be(1, "accepted task {0} has exactly one record", taskId);
        }

        history.Should().OnlyContain(r => r.Status != "running" && r.Finished >= r.Started);
        history.Select(r => r.Token).Should().OnlyHaveUniqueItems();
        var byToken = history.OrderBy(r => r.Token).ToList();
        for (var i = 1; i < byToken.Count; i++)
        {
            byToken[i].Started.Should().BeOnOrAfter(byToken[i - 1].Finished,
                "{0} (token {1}) must start after {2} (token {3}) ended", byToken[i].TaskId, byToken[i].Token, byToken[i - 1].TaskId, byToken[i - 1].Token);
        }

        foreach (var interrupted in history.Where(r => r.Message == SyncMessages.Interrupted))
        {
            killed.Should().Contain(interrupted.Pid, "interrupted run {0} belonged to a killed process", interrupted.TaskId);
        }
    }

    /// <summary>History once nothing runs any more: every dead owner's lease expired and a sweep (or a start) ended its
    /// run.</summary>
    private static async Task<IReadOnlyList<RunRow>> SettledHistoryAsync(ChaosHost host)
    {
        IReadOnlyList<RunRow> history = [];
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                history = await host.HistoryAsync();
                var current = (await host.Client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");
                return current.ValueKind == JsonValueKind.Null && history.All(r => r.Status != "running");
            }
            catch (HttpRequestException)
            {
                return false; // a restarted host is still starting
            }
        }, "every run has ended after lease expiry and a sweep", seconds: LeaseSeconds * 6);
        return history;
    }

    private sealed record RunRow(string TaskId, long Token, string Status, DateTimeOffset Started, DateTimeOffset Finished, string Owner, string? Message)
    {
        public int Pid => int.Parse(Owner.Split(':')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>One service process with a short lease, on the shared data directory.</summary>
    private sealed class ChaosHost : IDisposable
    {
        private readonly ServiceProcess _process;

        private ChaosHost(string directory)
        {
            var port = FreePort.Next();
            _process = ServiceProcess.Start([
                $"--DataDirectory={directory}", $"--urls=http://127.0.0.1:{port}", "--Scheduler:Enabled=false",
                $"--Sync:LeaseSeconds={LeaseSeconds}", "--Sync:HeartbeatSeconds=3", "--Sources:demo:DelayMs=100",
                "--Serilog:MinimumLevel:Default=Warning", .. ServiceProcess.TestKeyArguments()]);
            Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
            Client.DefaultRequestHeaders.Add("X-Api-Key", TestApiKeys.Operator);
        }

        public HttpClient Client { get; }

        public int Pid => _process.Process.Id;

        public static ChaosHost Start(string directory) => new(directory);

        /// <summary>The accepted task id; null for 409, or when the host is down or starting.</summary>
        public async Task<string?> TryStartAsync()
        {
            try
            {
                var response = await Client.RunStockBasicsAsync();
                return response.StatusCode == HttpStatusCode.Accepted ? (await response.AcceptedRunAsync()).TaskId() : null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        public async Task<IReadOnlyList<RunRow>> HistoryAsync()
        {
            var page = await Client.GetFromJsonAsync<JsonElement>(SyncApiPaths.History + "?page_size=200");
            return page.GetProperty("data").GetProperty("items").EnumerateArray().Select(r => new RunRow(
                r.TaskId(), r.GetProperty("fencing_token").GetInt64(), r.GetProperty("status").GetString()!,
                r.GetProperty("started_at").GetDateTimeOffset(),
                r.GetProperty("finished_at").ValueKind == JsonValueKind.String ? r.GetProperty("finished_at").GetDateTimeOffset() : DateTimeOffset.MaxValue,
                r.GetProperty("owner").GetString()!, r.GetProperty("message").GetString())).ToList();
        }

        public void Dispose()
        {
            _process.Dispose();
            Client.Dispose();
        }
    }
}
