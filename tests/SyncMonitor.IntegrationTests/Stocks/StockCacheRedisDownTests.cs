using System.Net.Sockets;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

public sealed class StockCacheRedisDownTests
{
    [Fact]
    public async Task With_redis_configured_but_unreachable_reads_still_answer_from_the_store_and_count_l2_misses()
    {
        using var host = new SyncMonitorFactory().With("Redis:ConnectionString", $"127.0.0.1:{ClosedPort()},abortConnect=false,connectTimeout=300");
        await host.CreateClient(TestApiKeys.Operator).SyncStockBasicsAsync();
        var client = host.CreateClient(TestApiKeys.Viewer);

        var first = await client.ListAsync("?page_size=5&sort=-total_mv");
        var second = await client.ListAsync("?page_size=5&sort=-total_mv");

        first.Items().Should().HaveCount(5);
        second.Codes().Should().Equal(first.Codes());
        var stats = await client.CacheStatsAsync(CacheNames.StocksList);
        stats.GetProperty("l2").GetProperty("hits").GetInt64().Should().Be(0);
        stats.GetProperty("misses").GetInt64().Should().BeGreaterThan(0);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
