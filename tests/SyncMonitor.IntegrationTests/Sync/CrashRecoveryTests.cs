using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>SPEC §3.1 crash recovery with a real crash: a service process is killed (SIGKILL) in the middle of a run.
/// Its lease expires; the run it left must not stay <c>running</c>.</summary>
public sealed class CrashRecoveryTests
{
    private const int LeaseSeconds = 6;

    private static async Task<(string Directory, string DeadTaskId)> KillServiceMidRunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort.Next();
        using var service = ServiceProcess.Start([
            $"--DataDirectory={directory}", $"--urls=http://127.0.0.1:{port}",
            $"--Sync:LeaseSeconds={LeaseSeconds}", "--Sync:HeartbeatSeconds=2", "--Sources:demo:DelayMs=3000",
            .. ServiceProcess.TestKeyArguments()]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", TestApiKeys.Operator);
        var run = await (await ServiceProcess.PollAsync(() => http.RunStockBasicsAsync())).AcceptedRunAsync();
        service.Kill();
        return (directory, run.TaskId());
    }

    private static SyncMonitorFactory RecoveringHost(string directory) => SyncMonitorFactory.ForDataDirectory(directory)
        .With("Sync:LeaseSeconds", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Sync:HeartbeatSeconds", "2");

    [Fact]
    public async Task The_next_acquirer_marks_the_dead_run_failed_and_runs()
    {
        var (directory, deadTaskId) = await KillServiceMidRunAsync();
        using var host = RecoveringHost(directory);
        var client = host.CreateClient(TestApiKeys.Operator);

        var whileLeaseLives = await client.RunStockBasicsAsync();
        if (whileLeaseLives.StatusCode == HttpStatusCode.Conflict)
        {
            (await whileLeaseLives.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("current_task").GetProperty("task_id").GetString()
                .Should().Be(deadTaskId, "the dead owner's lease holds until it expires");
        }

        HttpResponseMessage accepted = whileLeaseLives;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (accepted.StatusCode != HttpStatusCode.Accepted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            accepted = await client.RunStockBasicsAsync();
        }

        var newRun = await accepted.AcceptedRunAsync();
        var dead = (await client.FindRunAsync(deadTaskId))!.Value;
        dead.GetProperty("status").GetString().Should().Be("failed");
        dead.GetProperty("message").GetString().Should().Be("interrupted (lease expired)");
        (await client.WaitForEndAsync(newRun.TaskId())).GetProperty("status").GetString().Should().Be("success");
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

    [Fact]
    public async Task Without_a_new_run_the_sweep_still_ends_the_dead_run()
    {
        var (directory, deadTaskId) = await KillServiceMidRunAsync();
        using var host = RecoveringHost(directory);
        var client = host.CreateClient(TestApiKeys.Viewer);

        var dead = await client.WaitForEndAsync(deadTaskId, TimeSpan.FromSeconds(60));

        dead.GetProperty("status").GetString().Should().Be("failed");
        dead.GetProperty("message").GetString().Should().Be("interrupted (lease expired)");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement current;
        do
        {
            // The sweep holds the lease for a moment while it records the failure.
            current = (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");
        }
        while (current.ValueKind != JsonValueKind.Null && DateTime.UtcNow < deadline && await Delay());
        current.ValueKind.Should().Be(JsonValueKind.Null, "nothing runs once the dead run is recorded");
        JsonElement progress;
        do
        {
            // The dead run's progress is ended right after its record (eventually, not atomically).
            progress = await client.GetFromJsonAsync<JsonElement>(ProgressApiPaths.ForTask(deadTaskId));
        }
        while (progress.GetProperty("status").GetString() == "running" && DateTime.UtcNow < deadline && await Delay());
        progress.GetProperty("status").GetString().Should().Be("failed", "the dead run's progress ends too");
        progress.GetProperty("message").GetString().Should().Be("interrupted (lease expired)");
    }
}
