using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>SPEC §4 with a real run: progress lives in Redis, survives Redis dying mid-run through the file
/// fallback, and never goes backwards.</summary>
[Collection(RedisCollection.Name)]
public sealed class ProgressDuringSyncTests(RedisFixture redis)
{
    [Fact]
    public async Task Redis_killed_mid_run_moves_progress_to_the_file_and_percent_never_decreases()
    {
        await redis.Server.StartAsync();
        using var host = new SyncMonitorFactory()
            .With("Redis:ConnectionString", redis.Server.ConnectionString)
            .With("Sources:demo:DelayMs", "400");
        var client = host.CreateClient(TestApiKeys.Operator);
        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        var seen = new List<double>();
        var killed = false;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            string status;
            do
            {
                var progress = await client.GetFromJsonAsync<JsonElement>(ProgressApiPaths.ForTask(taskId));
                seen.Add(progress.GetProperty("progress").GetDouble());
                status = progress.GetProperty("status").GetString()!;
                if (!killed && seen[^1] > 5)
                {
                    await redis.Server.KillAsync(); // mid-run
                    killed = true;
                }

                await Task.Delay(100);
            }
            while (status == "running" && DateTime.UtcNow < deadline);

            killed.Should().BeTrue("Redis died while the run was going");
            status.Should().Be("completed");
            seen.Should().BeInAscendingOrder("progress never goes backwards");
            seen[^1].Should().Be(100);
            File.Exists(Path.Combine(host.DataDirectory, "progress", taskId + ".json")).Should().BeTrue("the fallback file took over");
            (await client.WaitForEndAsync(taskId)).GetProperty("status").GetString().Should().Be("success");
        }
        finally
        {
            await redis.Server.StartAsync(); // the collection's other tests expect it running
        }
    }
}
