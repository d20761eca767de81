using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The in-process cache level on the embedded default: hits counted, invalidated by finished syncs and change
/// notifications (exactly what changed), and one store query for a burst of cold requests.</summary>
public sealed class StockCacheTests : IAsyncLifetime
{
    private const string TopByMarketValue = "?page_size=50&sort=-total_mv";

    // demo_alt stays empty until a test syncs it: the eviction tests watch it fill.
    private readonly SyncMonitorFactory _host = new SyncMonitorFactory()
        .With("Sources:demo:FillsCompanion", "false").With("Sources:demo_alt:FillsCompanion", "false").WithCountingStockStore();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _host.CreateClient(TestApiKeys.Operator).SyncStockBasicsAsync();
        _client = _host.CreateClient(TestApiKeys.Viewer);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_repeated_request_is_an_in_memory_hit_counted_in_the_statistics_and_in_prometheus()
    {
        var first = await _client.ListAsync(TopByMarketValue);
        var second = await _client.ListAsync(TopByMarketValue);

        second.ToString().Should().Be(first.ToString());
        _host.StockQueries().ListQueries.Should().Be(1);
        var stats = await _client.CacheStatsAsync(CacheNames.StocksList);
        stats.GetProperty("requests").GetInt64().Should().Be(2);
        stats.GetProperty("hits").GetInt64().Should().Be(1);
        stats.GetProperty("misses").GetInt64().Should().Be(1);
        stats.GetProperty("hit_rate").GetDouble().Should().Be(0.5);
        stats.GetProperty("l1").GetProperty("hits").GetInt64().Should().Be(1);
        stats.GetProperty("l1").GetProperty("misses").GetInt64().Should().Be(1);
        stats.GetProperty("l2").ValueKind.Should().Be(JsonValueKind.Null, "no Redis is configured");
        var report = await _client.DataAsync(StocksApiPaths.CacheStatistics);
        report.GetProperty("l2_enabled").GetBoolean().Should().BeFalse();
        report.GetProperty("l1_seconds").GetInt32().Should().Be(60);

        var metrics = await _client.GetStringAsync(MetricsApiPaths.Metrics);
        metrics.Should().Contain("syncmonitor_cache_requests_total{cache=\"stocks_list\",level=\"l1\",result=\"hit\"} 1");
        metrics.Should().Contain("syncmonitor_cache_requests_total{cache=\"stocks_list\",level=\"l1\",result=\"miss\"} 1");
        metrics.Should().Contain("syncmonitor_cache_loads_total{cache=\"stocks_list\"} 1");
    }

    [Fact]
    public async Task Data_written_by_a_sync_run_is_served_as_soon_as_the_run_has_ended()
    {
        var smallest = (await _client.ListAsync("?page_size=1&sort=total_mv")).Codes()[0];
        var before = await _client.ListAsync(TopByMarketValue);
        var detailBefore = await _client.DataAsync(StocksApiPaths.ItemFor(smallest));
        before.Codes().Should().NotContain(smallest);

        var row = await _host.StoredRowAsync(smallest, "demo");
        await _host.WriteStockRowsAsync(row with { TotalMv = 1e9, Name = "新名称" });

        var after = await _client.ListAsync(TopByMarketValue);
        after.Codes()[0].Should().Be(smallest, "the run made it the largest");
        after.Items()[0].GetProperty("name").GetString().Should().Be("新名称");
        var detail = await _client.DataAsync(StocksApiPaths.ItemFor(smallest));
        detail.GetProperty("sources")[0].GetProperty("total_mv").GetDouble().Should().Be(1e9);
        detailBefore.GetProperty("sources")[0].GetProperty("total_mv").GetDouble().Should().BeLessThan(1e9);
    }

    [Fact]
    public async Task A_sync_started_over_http_replaces_what_the_previous_one_left_in_the_cache()
    {
        var before = await _client.ListAsync("?source=demo&page_size=1");
        var alt = await _client.ListAsync("?source=demo_alt");
        alt.GetProperty("total").GetInt64().Should().Be(0);

        await _host.CreateClient(TestApiKeys.Operator).SyncStockBasicsAsync("?preferred_sources=demo_alt");

        // The Sync module reports the run ended (record written, lock released) a moment before it tells its
        // listeners, this cache among them; that moment is all the polling below has to cover.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _client.ListAsync("?source=demo_alt")).GetProperty("total").GetInt64() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        (await _client.ListAsync("?source=demo_alt")).GetProperty("total").GetInt64().Should().BeGreaterThan(4900);
        (await _client.ListAsync("?source=demo&page_size=1")).ToString().Should().Be(before.ToString());
    }

    [Fact]
    public async Task A_run_of_one_source_evicts_that_sources_lists_and_the_best_source_lists_only()
    {
        var code = (await _client.ListAsync("?page_size=1")).Codes()[0];
        await _client.ListAsync("?source=demo");
        await _client.ListAsync("?source=demo_alt");
        await _client.ListAsync();
        var queries = _host.StockQueries();
        var loaded = queries.ListQueries;

        var row = await _host.StoredRowAsync(code, "demo");
        await _host.WriteStockRowsAsync(row with { Source = "demo_alt" });

        await _client.ListAsync("?source=demo");
        queries.ListQueries.Should().Be(loaded, "demo's rows did not change");
        (await _client.ListAsync("?source=demo_alt")).Codes().Should().Equal(code);
        queries.ListQueries.Should().Be(loaded + 1);
        await _client.ListAsync();
        queries.ListQueries.Should().Be(loaded + 2, "the best-source list reads every source");
        (await _client.CacheStatsAsync(CacheNames.StocksList)).GetProperty("invalidations").GetInt64().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_change_notification_evicts_only_the_codes_it_names()
    {
        var codes = (await _client.ListAsync("?page_size=2")).Codes();
        await _client.DataAsync(StocksApiPaths.ItemFor(codes[0]));
        await _client.DataAsync(StocksApiPaths.ItemFor(codes[1]));
        var queries = _host.StockQueries();
        var loaded = queries.DetailQueries;

        await _host.Services.GetRequiredService<IStockDataChangeNotifier>().StockDataChangedAsync(
            new StockDataChange(StockDataChange.ConsistencyVerdicts, Codes: [codes[0] + ".SZ"]), CancellationToken.None);

        await _client.DataAsync(StocksApiPaths.ItemFor(codes[1]));
        queries.DetailQueries.Should().Be(loaded);
        await _client.DataAsync(StocksApiPaths.ItemFor(codes[0]));
        queries.DetailQueries.Should().Be(loaded + 1);
    }

    [Fact]
    public async Task Fifty_parallel_cold_requests_reach_the_store_once()
    {
        var queries = _host.StockQueries();
        queries.ListDelay = TimeSpan.FromMilliseconds(500);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _client.GetAsync(StocksApiPaths.List + "?page_size=50&sort=-circ_mv")));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(System.Net.HttpStatusCode.OK));
        bodies.Distinct().Should().ContainSingle();
        queries.ListQueries.Should().Be(1);
        var stats = await _client.CacheStatsAsync(CacheNames.StocksList);
        stats.GetProperty("requests").GetInt64().Should().Be(50);
        stats.GetProperty("misses").GetInt64().Should().Be(1);
        stats.GetProperty("l1").GetProperty("misses").GetInt64().Should().BeGreaterThan(1, "the requests overlapped the slow load");
    }

    [Fact]
    public async Task A_load_that_overlaps_an_invalidation_is_read_again_so_the_older_read_is_never_cached()
    {
        var cache = _host.Services.GetRequiredService<StockCache>();
        var loads = 0;
        var tags = CacheTags.ForDetail("000001");

        var value = await cache.GetOrLoadAsync(CacheNames.StockDetail, "overlap-test", tags, async ct =>
        {
            if (Interlocked.Increment(ref loads) == 1)
            {
                // A sync ends while this read is in flight: what it read may predate the sync's writes.
                await cache.InvalidateAsync(tags, ct);
                return "read before the change";
            }

            return "read after the change";
        }, CancellationToken.None);
        var again = await cache.GetOrLoadAsync<string>(CacheNames.StockDetail, "overlap-test", tags, _ => throw new InvalidOperationException("cached"), CancellationToken.None);

        value.Should().Be("read after the change");
        again.Should().Be("read after the change");
        loads.Should().Be(2);
    }
}
