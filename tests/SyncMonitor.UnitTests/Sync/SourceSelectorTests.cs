using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.UnitTests.Sync;

public sealed class SourceSelectorTests
{
    private sealed class Source(string name, bool enabled, SourceCapabilities capabilities, bool synthetic = false) : IStockDataSource
    {
        public string Name => name;

        public bool IsSynthetic => synthetic;

        public SourceCapabilities Capabilities => capabilities;

        public bool Enabled => enabled;

        public Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private const SourceCapabilities All = SourceCapabilities.StockList | SourceCapabilities.DailyBasic | SourceCapabilities.TradeCalendar;

    private static SourceSelector Selector(params IStockDataSource[] sources)
        => new(sources, new StaticOptions(new SourcesOptions()));

    private static IStockDataSource Demo => new Source("demo", true, All, synthetic: true);

    [Fact]
    public void Enabled_real_sources_follow_the_default_priority_and_demo_stays_out()
    {
        var selector = Selector(Demo,
            new Source("baostock", true, SourceCapabilities.StockList | SourceCapabilities.TradeCalendar),
            new Source("akshare", true, All),
            new Source("tushare", true, All));

        selector.Chain(SourceCapabilities.StockList, []).Select(s => s.Name).Should().Equal("tushare", "akshare", "baostock");
        selector.Chain(SourceCapabilities.DailyBasic, []).Select(s => s.Name).Should().Equal("tushare", "akshare");
    }

    [Fact]
    public void Demo_serves_only_when_no_real_source_is_enabled()
    {
        Selector(Demo, new Source("tushare", false, All)).Chain(SourceCapabilities.StockList, []).Select(s => s.Name).Should().Equal("demo");
        Selector(Demo, new Source("akshare", true, All)).Chain(SourceCapabilities.StockList, []).Select(s => s.Name).Should().Equal("akshare");
    }

    [Fact]
    public void Preferred_sources_come_first_and_a_named_demo_source_is_used_even_beside_real_ones()
    {
        var selector = Selector(Demo, new Source("tushare", true, All), new Source("akshare", true, All));

        selector.Chain(SourceCapabilities.StockList, selector.ValidatePreferred(["akshare"])).Select(s => s.Name).Should().Equal("akshare", "tushare");
        selector.Chain(SourceCapabilities.StockList, selector.ValidatePreferred(["demo"])).Select(s => s.Name).Should().Equal("demo", "tushare", "akshare");
    }

    [Theory]
    [InlineData("nosuch")]
    [InlineData("tushare")]
    public void Unknown_or_disabled_preferred_sources_are_rejected(string name)
    {
        var selector = Selector(Demo, new Source("tushare", false, All));

        var act = () => selector.ValidatePreferred([name]);

        act.Should().Throw<ValidationException>().Which.Field.Should().Be("preferred_sources");
    }

    [Fact]
    public void Preferred_names_are_case_insensitive_trimmed_and_deduplicated()
        => Selector(Demo).ValidatePreferred([" DEMO ", "demo", ""]).Should().Equal("demo");

    private sealed class StaticOptions(SourcesOptions value) : IOptionsMonitor<SourcesOptions>
    {
        public SourcesOptions CurrentValue => value;

        public SourcesOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SourcesOptions, string?> listener) => null;
    }
}
