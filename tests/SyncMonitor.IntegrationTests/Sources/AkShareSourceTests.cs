using System.Collections.Concurrent;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.AkShare;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>The akshare client against a local Kestrel server that answers as AKTools does
/// (<see cref="FakeAkToolsService"/>: records with AKShare's current column names, values in 元 and 手, NaN as null,
/// AKTools' 404 error body).</summary>
public sealed class AkShareSourceTests : IAsyncLifetime
{
    private readonly FakeAkToolsService _aktools = new();
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(Replay);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_stock_list_is_the_spot_snapshot_with_todays_fundamentals_in_stored_units()
    {
        await using var host = Host();

        var stocks = await host.Source<AkShareSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().HaveCount(6);
        var pingAn = stocks.Single(s => s.Code == "000001");
        pingAn.Should().BeEquivalentTo(new { Name = "平安银行", FullSymbol = "000001.SZ", Market = "主板", Sse = "深圳证券交易所", Source = "akshare", TradeDate = "20241115" });
        pingAn.TotalMv.Should().BeApproximately(2235.56177641, 1e-9, "223556177641 元 is 2235.56 亿元");
        pingAn.CircMv.Should().BeApproximately(2235.52512, 1e-9);
        pingAn.Volume.Should().Be(119056300, "成交量 is in 手 of 100 shares");
        pingAn.TotalShare.Should().BeApproximately(1940591.8198, 0.01, "derived as 总市值 ÷ 最新价, in 万股");
        pingAn.Pe.Should().Be(4.88);
        pingAn.Pb.Should().Be(0.53);
        pingAn.TurnoverRate.Should().Be(0.61);
        stocks.Single(s => s.Code == "430047").Should().BeEquivalentTo(new { FullSymbol = "430047.BJ", Market = "北交所", Pe = (double?)null });
        stocks.Single(s => s.Code == "000004").Should().BeEquivalentTo(new { Close = (double?)null, TotalMv = (double?)null, TotalShare = (double?)null });
        _server.Requests.Select(r => r.Path).Should().Contain("/api/public/stock_zh_a_spot_em").And.Contain("/api/public/tool_trade_date_hist_sina");
        host.Source<AkShareSource>().LastWarnings.Should().BeEmpty("the current layout has every column");
    }

    [Theory]
    [InlineData("市盈率(动态)")]
    [InlineData("动态市盈率")]
    public async Task A_renamed_pe_column_is_found_through_the_alias_table(string name)
    {
        // Fact: AKShare names the column 市盈率-动态; Eastmoney's own quote page titles the same figure 市盈率(动态).
        _aktools.Spot = AkShareSpot.Renamed("市盈率-动态", name);
        await using var host = Host();

        var stocks = await host.Source<AkShareSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Single(s => s.Code == "000001").Pe.Should().Be(4.88);
        host.Source<AkShareSource>().LastWarnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_market_value_columns_degrade_to_field_unavailable_never_to_zero()
    {
        // Fact: before AKShare 1.6.9 the snapshot had no 总市值 or 流通市值 (its 2021-06 stock_em_hist.py stops at 市净率).
        _aktools.Spot = AkShareSpot.Without("总市值", "流通市值", "涨速", "5分钟涨跌", "60日涨跌幅", "年初至今涨跌幅");
        await using var host = Host();
        var source = host.Source<AkShareSource>();

        var stocks = await source.FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().HaveCount(6).And.OnlyContain(s => s.TotalMv == null && s.CircMv == null && s.TotalShare == null && s.FloatShare == null);
        stocks.Single(s => s.Code == "000001").Should().BeEquivalentTo(new { Close = 11.52, Pe = 4.88, Pb = 0.53 });
        source.LastWarnings.Should().HaveCount(2);
        source.LastWarnings.Should().Contain(w => w.Contains("field unavailable", StringComparison.Ordinal) && w.Contains("总市值", StringComparison.Ordinal) && w.Contains("total_mv", StringComparison.Ordinal));
        source.LastWarnings.Should().Contain(w => w.Contains("流通市值", StringComparison.Ordinal) && w.Contains("circ_mv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_snapshot_without_a_code_column_is_a_bad_response()
    {
        _aktools.Spot = AkShareSpot.Renamed("代码", "symbol");
        await using var host = Host();

        var act = () => host.Source<AkShareSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("代码");
    }

    [Fact]
    public async Task Daily_basic_is_served_for_the_latest_trade_date_only()
    {
        await using var host = Host();
        var source = host.Source<AkShareSource>();

        var latest = await source.FetchDailyBasicAsync("20241115", CancellationToken.None);
        var past = () => source.FetchDailyBasicAsync("20241114", CancellationToken.None);

        latest.Should().HaveCount(6).And.OnlyContain(r => r.TradeDate == "20241115" && r.Source == "akshare");
        var failure = (await past.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.NotSupported);
        failure.Message.Should().Contain("20241115").And.Contain("20241114");
        _server.Requests.Count(r => r.Path.EndsWith("stock_zh_a_spot_em", StringComparison.Ordinal)).Should().Be(1, "a past date never asks for the snapshot");
    }

    [Fact]
    public async Task On_a_weekend_the_snapshot_belongs_to_the_previous_trade_day()
    {
        await using var host = Host(now: new DateTimeOffset(2024, 11, 17, 2, 0, 0, TimeSpan.Zero));

        var stocks = await host.Source<AkShareSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().OnlyContain(s => s.TradeDate == "20241115");
    }

    [Fact]
    public async Task The_calendar_marks_sina_trade_dates_open_and_stops_where_the_calendar_ends()
    {
        await using var host = Host();
        var source = host.Source<AkShareSource>();

        var week = await source.FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);
        var beyond = await source.FetchTradeCalendarAsync("20241230", "20250105", CancellationToken.None);

        week.Where(d => d.IsOpen).Select(d => d.CalDate).Should().Equal("20241111", "20241112", "20241113", "20241114", "20241115");
        week.Should().HaveCount(7);
        beyond.Select(d => d.CalDate).Should().Equal("20241230", "20241231");
        _server.Requests.Count(r => r.Path.EndsWith("tool_trade_date_hist_sina", StringComparison.Ordinal)).Should().Be(1, "the calendar is cached for the day");
    }

    [Fact]
    public async Task Progress_is_reported_while_the_slow_snapshot_is_awaited()
    {
        _server.Handler = request => request.Path.EndsWith("stock_zh_a_spot_em", StringComparison.Ordinal)
            ? Replay(request) with { Delay = TimeSpan.FromSeconds(3.5) }
            : Replay(request);
        await using var host = Host(("Sources:akshare:ExpectedSpotSeconds", "2"));
        var progress = new RecordingProgress();

        await host.Source<AkShareSource>().FetchStockListAsync(progress, CancellationToken.None);

        progress.Values.Should().Contain(v => v > 0 && v < 1, "estimates arrive while waiting");
        progress.Values.Last().Should().Be(1.0);
    }

    [Fact]
    public async Task An_unknown_function_answer_is_a_bad_response_with_aktools_message()
    {
        _server.Handler = request => _aktools.Answer(request with { Path = "/api/public/no_such_function" });
        await using var host = Host();

        var act = () => host.Source<AkShareSource>().FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("未找到该接口");
        _server.Requests.Should().HaveCount(1, "a 404 is not transient");
    }

    [Fact]
    public async Task A_snapshot_slower_than_the_timeout_is_unreachable()
    {
        _server.Handler = request => request.Path.EndsWith("stock_zh_a_spot_em", StringComparison.Ordinal)
            ? Replay(request) with { Delay = TimeSpan.FromSeconds(30) }
            : Replay(request);
        await using var host = Host(("Sources:akshare:TimeoutSeconds", "1"), ("Sources:akshare:MaxRetries", "0"));

        var act = () => host.Source<AkShareSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unreachable);
        failure.Message.Should().Contain("timed out");
    }

    [Fact]
    public async Task The_probe_reads_the_calendar_and_reports_a_dead_server()
    {
        await using var host = Host();
        var healthy = await host.Source<AkShareSource>().ProbeAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _server = await FakeHttpServer.StartAsync(Replay);

        var dead = await host.Source<AkShareSource>().ProbeAsync(CancellationToken.None);

        healthy.Available.Should().BeTrue();
        dead.Available.Should().BeFalse();
        dead.Error.Should().Contain("connection failed");
    }

    [Fact]
    public async Task Without_a_base_url_the_source_is_disabled()
    {
        await using var host = SourceTestHost.Create(new Dictionary<string, string?>());

        host.Source<AkShareSource>().Enabled.Should().BeFalse();
        (await host.Source<AkShareSource>().ProbeAsync(CancellationToken.None)).Error.Should().Contain("Sources:akshare:BaseUrl");
    }

    private FakeResponse Replay(RecordedRequest request) => _aktools.Answer(request);

    private SourceTestHost Host(params (string Key, string Value)[] overrides) => Host(null, overrides);

    private SourceTestHost Host(DateTimeOffset? now, params (string Key, string Value)[] overrides)
    {
        var settings = SourceTestHost.Quick("akshare");
        settings["Sources:akshare:BaseUrl"] = _server.BaseUrl.ToString();
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return SourceTestHost.Create(settings, now);
    }

    private sealed class RecordingProgress : IProgress<double>
    {
        private readonly ConcurrentQueue<double> _values = new();

        public IReadOnlyList<double> Values => _values.ToList();

        public void Report(double value) => _values.Enqueue(value);
    }
}
