using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using SyncMonitor.Api.Common.Redis;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The Redis level with a real redis-server: two hosts sharing one store and one Redis, as two instances of
/// the service would.</summary>
[Collection(RedisCollection.Name)]
public sealed class StockCacheRedisTests(RedisFixture redis) : IAsyncLifetime
{
    private const string Query = "?page_size=50&sort=-total_mv";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
    private SyncMonitorFactory _first = null!;
    private SyncMonitorFactory _second = null!;

    public async Task InitializeAsync()
    {
        // Entries a previous test left in the shared server would belong to another store.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].FlushAllDatabasesAsync();
        }

        _first = SyncMonitorFactory.ForDataDirectory(_dataDirectory).With("Redis:ConnectionString", redis.Server.ConnectionString).WithCountingStockStore();
        _second = SyncMonitorFactory.ForDataDirectory(_dataDirectory).With("Redis:ConnectionString", redis.Server.ConnectionString).WithCountingStockStore();
        await _first.CreateClient(TestApiKeys.Operator).SyncStockBasicsAsync();
    }

    public Task DisposeAsync()
    {
        _first.Dispose();
        _second.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_second_host_sharing_redis_serves_what_the_first_loaded_from_l2()
    {
        var loaded = await _first.CreateClient(TestApiKeys.Viewer).ListAsync(Query);
        await WaitForL2EntryAsync(CacheNames.StocksList);

        var client = _second.CreateClient(TestApiKeys.Viewer);
        var served = await client.ListAsync(Query);

        served.ToString().Should().Be(loaded.ToString());
        _second.StockQueries().ListQueries.Should().Be(0, "the second host never queried its store");
        var stats = await client.CacheStatsAsync(CacheNames.StocksList);
        stats.GetProperty("l1").GetProperty("misses").GetInt64().Should().Be(1);
        stats.GetProperty("l2").GetProperty("hits").GetInt64().Should().Be(1);
        stats.GetProperty("l2").GetProperty("misses").GetInt64().Should().Be(0);
        stats.GetProperty("misses").GetInt64().Should().Be(0);
        (await client.DataAsync(Api.Modules.Stocks.StocksApiPaths.CacheStatistics)).GetProperty("l2_enabled").GetBoolean().Should().BeTrue();
        var metrics = await client.GetStringAsync(Api.Modules.Metrics.MetricsApiPaths.Metrics);
        metrics.Should().Contain("syncmonitor_cache_requests_total{cache=\"stocks_list\",level=\"l2\",result=\"hit\"} 1");
    }

    [Fact]
    public async Task A_sync_on_one_host_evicts_what_the_other_host_holds_in_memory()
    {
        var client = _second.CreateClient(TestApiKeys.Viewer);
        var smallest = (await client.ListAsync("?page_size=1&sort=total_mv")).Codes()[0];
        (await client.ListAsync(Query)).Codes().Should().NotContain(smallest);

        var row = await _first.StoredRowAsync(smallest, "demo");
        await _first.WriteStockRowsAsync(row with { TotalMv = 1e9 });

        // The announcement travels over Redis pub/sub, asynchronously: poll, well within the 60 s the copy would live.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await client.ListAsync(Query)).Codes()[0] != smallest && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        (await client.ListAsync(Query)).Codes()[0].Should().Be(smallest);
        (await client.CacheStatsAsync(CacheNames.StocksList)).GetProperty("invalidations").GetInt64().Should().BeGreaterThan(0);
    }

    /// <summary>HybridCache writes L2 after it has answered the caller.</summary>
    private async Task WaitForL2EntryAsync(string cache)
    {
        var connection = _first.Services.GetRequiredService<RedisConnection>();
        var multiplexer = (await connection.GetMultiplexerAsync())!;
        var server = multiplexer.GetServers()[0];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Keys(pattern: StockCachingSetup.RedisInstanceName + cache + ":*").Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
