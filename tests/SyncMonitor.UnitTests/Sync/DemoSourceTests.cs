using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.UnitTests.Sync;

public sealed class DemoSourceTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static DemoSource Source(string name, DemoSourceOptions? options = null)
    {
        var monitor = new StaticMonitor(options ?? new DemoSourceOptions());
        return new DemoSource(name, monitor, Time);
    }

    [Fact]
    public async Task The_universe_has_about_5000_unique_codes_over_every_board()
    {
        var stocks = await Source(DemoMarket.Primary).FetchStockListAsync(null, CancellationToken.None);
        stocks.Should().HaveCountGreaterThan(4800).And.HaveCountLessThan(5200);
        stocks.Select(s => s.Code).Should().OnlyHaveUniqueItems();
        stocks.Select(s => s.Market).Distinct().Should().BeEquivalentTo(["主板", "创业板", "科创板", "北交所"]);
        stocks.Should().OnlyContain(s => s.Source == "demo" && s.TotalMv > 0 && s.Pe > 0 && s.TradeDate == "20261123");
    }

    [Fact]
    public async Task It_is_deterministic_across_instances()
    {
        var a = await Source(DemoMarket.Primary).FetchStockListAsync(null, CancellationToken.None);
        var b = await Source(DemoMarket.Primary).FetchStockListAsync(null, CancellationToken.None);
        a.Should().BeEquivalentTo(b);
    }

    [Fact]
    public async Task The_alternate_differs_within_tolerance_except_for_the_documented_discrepancies()
    {
        var primary = (await Source(DemoMarket.Primary).FetchStockListAsync(null, CancellationToken.None)).ToDictionary(s => s.Code);
        var alternate = (await Source(DemoMarket.Alternate).FetchStockListAsync(null, CancellationToken.None)).ToDictionary(s => s.Code);

        primary.Keys.Except(alternate.Keys).Should().BeEquivalentTo(DemoDiscrepancies.MissingFromAlt);
        alternate.Keys.Except(primary.Keys).Should().BeEquivalentTo(DemoDiscrepancies.AltOnlyCodes);
        var found = new Dictionary<string, string>();
        foreach (var (code, a) in primary)
        {
            if (!alternate.TryGetValue(code, out var b))
            {
                continue;
            }

            foreach (var (metric, tolerance) in DemoDiscrepancies.Metrics)
            {
                var (x, y) = metric switch
                {
                    "pe" => (a.Pe, b.Pe),
                    "pb" => (a.Pb, b.Pb),
                    "total_mv" => (a.TotalMv, b.TotalMv),
                    "close" => (a.Close, b.Close),
                    "volume" => (a.Volume, b.Volume),
                    _ => (a.TurnoverRate, b.TurnoverRate),
                };
                if (Math.Abs(x!.Value - y!.Value) / Math.Max(Math.Abs(x.Value), Math.Abs(y.Value)) > tolerance)
                {
                    found[code] = metric;
                }
            }
        }

        found.Should().BeEquivalentTo(DemoDiscrepancies.InjectedMetricByCode);
        DemoDiscrepancies.InjectedMetricByCode.Values.Distinct().Should().HaveCount(6, "every metric gets injected at least once");
    }

    [Fact]
    public async Task The_calendar_skips_weekends_and_holidays()
    {
        var days = await Source(DemoMarket.Primary).FetchTradeCalendarAsync("20261001", "20261012", CancellationToken.None);
        days.Where(d => d.IsOpen).Select(d => d.CalDate).Should().Equal("20261008", "20261009", "20261012");
    }

    [Fact]
    public async Task Failure_injection_throws_a_source_unavailable_error()
    {
        var failing = Source(DemoMarket.Primary, new DemoSourceOptions { FailureRate = 1 });
        var act = () => failing.FetchDailyBasicAsync("20261120", CancellationToken.None);
        (await act.Should().ThrowAsync<SourceUnavailableException>()).Which.Kind.Should().Be(SourceFailureKind.Injected);
    }

    private sealed class StaticMonitor(DemoSourceOptions value) : IOptionsMonitor<DemoSourceOptions>
    {
        public DemoSourceOptions CurrentValue => value;

        public DemoSourceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DemoSourceOptions, string?> listener) => null;
    }
}
