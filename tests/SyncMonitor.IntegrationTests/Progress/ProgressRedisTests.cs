using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Progress.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Progress;

/// <summary>Progress with a real redis-server that the tests kill and restart mid-run.</summary>
[Collection(RedisCollection.Name)]
public sealed class ProgressRedisTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly List<SyncMonitorFactory> _hosts = [];
    private IConnectionMultiplexer? _probe;

    public async Task InitializeAsync() => await redis.Server.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_probe is not null)
        {
            await _probe.DisposeAsync();
        }

        await redis.Server.StartAsync(); // leave the shared server running for the next test of the collection
    }

    [Fact]
    public async Task Progress_lands_in_redis_under_its_key_with_a_24_hour_ttl_and_no_file()
    {
        var host = Host();
        var taskId = ProgressTestKit.NewTaskId();

        var run = await host.StartAsync(taskId);
        await run.ReportAsync("fetch_list", 0.5);
        await Eventually.HoldsAsync(async () => (await FromRedisAsync(taskId))?.Progress == 15, "the tick writes the update to Redis");

        var key = RedisProgressStore.KeyPrefix + taskId;
        key.Should().Be($"syncmonitor:progress:{taskId}");
        var ttl = await (await ProbeAsync()).GetDatabase().KeyTimeToLiveAsync(key);
        ttl.Should().NotBeNull();
        ttl!.Value.Should().BeGreaterThan(TimeSpan.FromHours(23)).And.BeLessThanOrEqualTo(TimeSpan.FromHours(24));
        ProgressTestKit.ReadFile(host.DataDirectory, taskId).Should().BeNull("Redis took every write");

        await run.MarkCompletedAsync();
        (await FromRedisAsync(taskId))!.Status.Should().Be(ProgressState.Completed);
    }

    [Fact]
    public async Task When_redis_dies_mid_run_progress_moves_to_the_file_and_back_to_redis_when_it_returns()
    {
        var host = Host();
        var ownViewer = host.CreateClient(TestApiKeys.Viewer);
        var otherViewer = Host(host.DataDirectory).CreateClient(TestApiKeys.Viewer); // another instance: same data directory and Redis
        var meters = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var fallbacks = new MetricCollector<long>(meters, ProgressMetrics.MeterName, ProgressMetrics.RedisFallback);
        using var writes = new MetricCollector<long>(meters, ProgressMetrics.MeterName, ProgressMetrics.Writes);
        var seenHere = new MonotonicWatch();
        var seenElsewhere = new MonotonicWatch();
        var taskId = ProgressTestKit.NewTaskId();
        var run = await host.StartAsync(taskId);

        await run.CompleteStepAsync("fetch_list");
        await Eventually.HoldsAsync(async () => (await FromRedisAsync(taskId))?.Progress == 30, "30 % reaches Redis");
        seenElsewhere.Observe((await otherViewer.ReadProgressAsync(taskId))!.Value.Percent());

        await redis.Server.KillAsync();
        for (var i = 1; i <= 10; i++)
        {
            await run.ReportAsync("normalize", i / 10.0);
            seenHere.Observe((await ownViewer.ReadProgressAsync(taskId))!.Value.Percent()); // the running host always answers
            await ObserveElsewhereAsync();
        }

        await Eventually.HoldsAsync(
            () => ProgressTestKit.ReadFile(host.DataDirectory, taskId)?.Progress == 40, "with Redis dead, 40 % lands in the file");
        await Eventually.HoldsAsync(async () => await ObserveElsewhereAsync() == 40,
            "another instance answers from the file while Redis is down");
        fallbacks.GetMeasurementSnapshot().EvaluateAsCounter().Should().Be(1, "one switch to the file is counted once, not per write");
        writes.GetMeasurementSnapshot().Should().Contain(m => Tag(m, "store") == "file" && Tag(m, "outcome") == "success");
        writes.GetMeasurementSnapshot().Should().Contain(m => Tag(m, "store") == "redis" && Tag(m, "outcome") != "success");

        await redis.Server.StartAsync();
        await run.ReportAsync("upsert", 0.2); // 50 %
        var fraction = 0.2;
        await Eventually.HoldsAsync(async () =>
        {
            seenHere.Observe((await ownViewer.ReadProgressAsync(taskId))!.Value.Percent());
            await ObserveElsewhereAsync();
            fraction = Math.Min(1, fraction + 0.001);
            await run.ReportAsync("upsert", fraction);
            return (await FromRedisAsync(taskId))?.Progress >= 50;
        }, "once Redis is back, writes go to Redis again");

        await run.MarkCompletedAsync("done after the outage");
        (await FromRedisAsync(taskId))!.Status.Should().Be(ProgressState.Completed);
        await Eventually.HoldsAsync(async () => (await otherViewer.ReadProgressAsync(taskId))!.Value.Status() == "completed",
            "the newest copy (Redis) wins over the older file");
        seenElsewhere.Observe((await otherViewer.ReadProgressAsync(taskId))!.Value.Percent());
        seenHere.Observe((await ownViewer.ReadProgressAsync(taskId))!.Value.Percent());
        seenHere.Last.Should().Be(100);
        seenElsewhere.Last.Should().Be(100);

        // Between Redis dying and the first file write another instance may briefly know nothing (404);
        // whatever it does answer must never go backwards.
        async Task<double?> ObserveElsewhereAsync()
        {
            var read = await otherViewer.ReadProgressAsync(taskId);
            if (read is null)
            {
                return null;
            }

            seenElsewhere.Observe(read.Value.Percent());
            return read.Value.Percent();
        }
    }

    private static string? Tag(CollectedMeasurement<long> measurement, string name)
        => measurement.Tags.TryGetValue(name, out var value) ? value as string : null;

    [Fact]
    public async Task Reads_of_a_task_from_another_process_return_the_newest_of_redis_and_the_file()
    {
        var host = Host();
        var viewer = host.CreateClient(TestApiKeys.Viewer);
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);
        TaskProgressSnapshot At(string taskId, int minute, double percent)
            => new(taskId, "web_batch", ProgressState.Running, percent, "upsert", [], null, started, started.AddMinutes(minute), minute * 60, null);

        var newerInRedis = ProgressTestKit.NewTaskId();
        await WriteRedisAsync(At(newerInRedis, 3, 70));
        await WriteFileAsync(host, At(newerInRedis, 2, 60));
        var newerInFile = ProgressTestKit.NewTaskId();
        await WriteRedisAsync(At(newerInFile, 1, 20));
        await WriteFileAsync(host, At(newerInFile, 2, 25));

        (await viewer.ReadProgressAsync(newerInRedis))!.Value.Percent().Should().Be(70);
        (await viewer.ReadProgressAsync(newerInFile))!.Value.Percent().Should().Be(25);
    }

    private SyncMonitorFactory Host(string? dataDirectory = null)
    {
        var host = (dataDirectory is null ? new SyncMonitorFactory() : SyncMonitorFactory.ForDataDirectory(dataDirectory))
            .With("Redis:ConnectionString", redis.Server.ConnectionString);
        _hosts.Add(host);
        _ = host.Services; // start it now
        return host;
    }

    private async Task<IConnectionMultiplexer> ProbeAsync() => _probe ??= await redis.Server.ConnectAsync();

    private async Task<TaskProgressSnapshot?> FromRedisAsync(string taskId)
    {
        if (!redis.Server.IsRunning)
        {
            return null;
        }

        try
        {
            var value = await (await ProbeAsync()).GetDatabase().StringGetAsync(RedisProgressStore.KeyPrefix + taskId);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<TaskProgressSnapshot>(value.ToString(), JsonSetup.Options);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null; // the probe reconnects after a restart; the caller polls
        }
    }

    private async Task WriteRedisAsync(TaskProgressSnapshot snapshot)
        => await (await ProbeAsync()).GetDatabase().StringSetAsync(
            RedisProgressStore.KeyPrefix + snapshot.TaskId, JsonSerializer.Serialize(snapshot, JsonSetup.Options), TimeSpan.FromMinutes(10));

    private static async Task WriteFileAsync(SyncMonitorFactory host, TaskProgressSnapshot snapshot)
    {
        Directory.CreateDirectory(Path.Combine(host.DataDirectory, "progress"));
        await File.WriteAllTextAsync(Path.Combine(host.DataDirectory, "progress", snapshot.TaskId + ".json"),
            JsonSerializer.Serialize(snapshot, JsonSetup.Options));
    }
}
