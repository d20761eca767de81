using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Stocks.Caching;

namespace SyncMonitor.UnitTests.Stocks;

public sealed class CacheStatisticsTests : IDisposable
{
    private const string Key = CacheNames.StocksList + ":best|x";

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly CacheStatistics _statistics;

    public CacheStatisticsTests()
        => _statistics = new CacheStatistics(new CacheMetrics(_services.GetRequiredService<IMeterFactory>()), _time);

    public void Dispose() => _services.Dispose();

    private CacheSnapshot List => _statistics.Snapshot(l2Enabled: true).Single(s => s.Name == CacheNames.StocksList);

    [Fact]
    public void An_l2_read_with_data_is_a_hit_only_when_no_load_follows()
    {
        _statistics.L1(CacheNames.StocksList, hit: false);
        _statistics.L2Read(Key, found: true);
        _statistics.ServedWithoutLoad(CacheNames.StocksList, Key);
        _statistics.ServedWithoutLoad(CacheNames.StocksList, Key); // a request that joined: nothing left to settle

        List.L2.Should().Be(new LevelSnapshot(1, 0));
        List.Misses.Should().Be(0);
    }

    [Fact]
    public void An_l2_entry_rejected_as_invalidated_counts_as_a_miss_when_the_load_runs()
    {
        _statistics.L1(CacheNames.StocksList, hit: false);
        _statistics.L2Read(Key, found: true);
        _statistics.Loaded(CacheNames.StocksList, Key);
        _statistics.ServedWithoutLoad(CacheNames.StocksList, Key);

        List.L2.Should().Be(new LevelSnapshot(0, 1));
        List.Misses.Should().Be(1);
    }

    [Fact]
    public void Hit_rates_count_requests_answered_without_a_store_query()
    {
        _statistics.L1(CacheNames.StocksList, hit: false);
        _statistics.L2Read(Key, found: false);
        _statistics.Loaded(CacheNames.StocksList, Key);
        _statistics.L1(CacheNames.StocksList, hit: true);
        _statistics.L1(CacheNames.StocksList, hit: true);
        _statistics.L1(CacheNames.StocksList, hit: true);
        _statistics.L2Read("__MSFT_HCT__stocks:list", found: true);

        List.Should().BeEquivalentTo(new { Requests = 4L, Hits = 3L, Misses = 1L, HitRate = 0.75, Invalidations = 0L });
        List.L1.HitRate.Should().Be(0.75);
        List.L2.Should().Be(new LevelSnapshot(0, 1), "HybridCache's own tag keys are not counted");
        _statistics.Snapshot(l2Enabled: false).Single(s => s.Name == CacheNames.StocksList).L2.Should().BeNull();
    }

    [Fact]
    public void Invalidations_are_counted_per_cache_the_tag_reaches()
    {
        _statistics.Invalidated(["daily:code:000001", "stocks:list:best"]);

        var snapshot = _statistics.Snapshot(l2Enabled: false).ToDictionary(s => s.Name);
        snapshot[CacheNames.StocksList].Invalidations.Should().Be(1);
        snapshot[CacheNames.StockDetail].Invalidations.Should().Be(1);
        snapshot[CacheNames.DailyBasic].Invalidations.Should().Be(1);
        snapshot[CacheNames.DailyBasic].LastInvalidatedAt.Should().Be(_time.GetUtcNow());
        snapshot[CacheNames.StocksList].HitRate.Should().BeNull("no request yet");
    }
}
