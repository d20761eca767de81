using System.Globalization;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>The baostock client against a loopback TCP server that answers as the public one does
/// (<see cref="FakeBaoStockService"/>: frames with character-counted lengths, CRC32 over bytes, paging by the
/// request's cur_page/per_page, type-04 errors on the same connection).</summary>
public sealed partial class BaoStockSourceTests : IAsyncLifetime
{
    private FakeBaoStockServer _server = null!;
    private FakeBaoStockService _service = new(BaoStockUniverse.Sample, BaoStockUniverse.TradeDates);

    public Task InitializeAsync()
    {
        _server = new FakeBaoStockServer(request => _service.Answer(request));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_stock_list_logs_in_pages_through_query_stock_basic_keeps_listed_a_shares_with_their_chinese_names_and_logs_out()
    {
        await using var host = Host(("Sources:baostock:PerPageCount", "4"));

        var stocks = await host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Select(s => s.Code).Should().Equal(BaoStockUniverse.ListedCodes,
            "indices (type 2), ETFs (5), convertibles (4) and delisted stocks (status 0) are not listed A-shares");
        stocks.Select(s => s.Name).Should().Equal("浦发银行", "贵州茅台", "中芯国际", "平安银行", "万科A", "宁德时代");
        stocks.Single(s => s.Code == "600000").Should().BeEquivalentTo(new
        {
            ListDate = "19991110", Market = "主板", Sse = "上海证券交易所", FullSymbol = "600000.SH", Source = "baostock", TotalMv = (double?)null,
        });
        stocks.Single(s => s.Code == "688981").Market.Should().Be("科创板");
        var requests = _server.Requests.ToList();
        requests.Select(r => (r.MessageType, r.Method)).Should().Equal(
            ("00", "login"), ("45", "query_stock_basic"), ("45", "query_stock_basic"), ("45", "query_stock_basic"), ("02", "logout"));
        requests.Where(r => r.MessageType == "45").Select(r => (r.Page, r.PerPage)).Should().Equal((1, 4), (2, 4), (3, 4));
        requests.Should().OnlyContain(r => r.CrcValid && r.Version == "00.9.10" && r.DeclaredLength == r.BodyCharacters);
        requests[0].Fields.Should().Equal("login", "anonymous", "123456", "0");
        requests[1].Fields.Should().Equal("query_stock_basic", "anonymous", "1", "4", "", "");
        _server.Connections.Should().Be(1);
    }

    [Fact]
    public async Task A_whole_market_list_fits_one_page_of_ten_thousand_and_is_asked_for_once()
    {
        // Fact: captured query_all_stock answered 5,638 rows in one page with per_page 10000 (the client's default).
        _service = new FakeBaoStockService(BaoStockUniverse.Market(5638));
        await using var host = Host();

        var stocks = await host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().HaveCount(5638);
        stocks[0].Name.Should().Be("沪市股票00");
        _server.Requests.Where(r => r.MessageType == "45").Select(r => (r.Page, r.PerPage)).Should().Equal((1, 10000));
    }

    [Fact]
    public async Task A_page_holding_exactly_per_page_rows_asks_for_the_next_which_answers_an_empty_data_field()
    {
        // Fact: resultset.next() asks for the next page while a page is full; an empty page carries an empty data field
        // (captured query_forecast_report with no rows).
        _service = new FakeBaoStockService(BaoStockUniverse.Market(10000));
        await using var host = Host();

        var stocks = await host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().HaveCount(10000);
        _server.Requests.Where(r => r.MessageType == "45").Select(r => r.Page).Should().Equal(1, 2);
    }

    [Fact]
    public async Task A_length_declared_in_bytes_is_only_logged_at_debug_and_the_list_still_arrives()
    {
        _service.Fault = request =>
        {
            if (request.MessageType != "45")
            {
                return null;
            }

            var body = BaoStockFrames.QueryBody("query_stock_basic", "anonymous", 1, 10000, BaoStockUniverse.Sample, ["", ""], FakeBaoStockService.StockBasicFields);
            return BaoStockReply.Frame(BaoStockFrames.Frame("46", body, System.Text.Encoding.UTF8.GetByteCount(body)));
        };
        await using var host = Host();

        var stocks = await host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().HaveCount(6);
        host.Logs.Lines.Should().Contain(line => line.StartsWith("Debug", StringComparison.Ordinal) && line.Contains("only a hint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_calendar_comes_from_query_trade_dates_with_dashed_dates_on_the_wire()
    {
        await using var host = Host();

        var days = await host.Source<BaoStockSource>().FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        days.Select(d => (d.CalDate, d.IsOpen)).Should().Equal(
            ("20241111", true), ("20241112", true), ("20241113", true), ("20241114", true), ("20241115", true), ("20241116", false), ("20241117", false));
        _server.Requests.Single(r => r.MessageType == "33").Fields.Should().Equal("query_trade_dates", "anonymous", "1", "10000", "2024-11-11", "2024-11-17");
    }

    [Fact]
    public async Task Daily_basic_is_not_supported_because_baostock_has_no_market_value()
    {
        await using var host = Host();
        var source = host.Source<BaoStockSource>();

        var act = () => source.FetchDailyBasicAsync("20241115", CancellationToken.None);

        (await act.Should().ThrowAsync<SourceUnavailableException>()).Which.Kind.Should().Be(SourceFailureKind.NotSupported);
        source.Capabilities.Should().Be(SourceCapabilities.StockList | SourceCapabilities.TradeCalendar);
        _server.Connections.Should().Be(0);
    }

    [Fact]
    public async Task The_probe_logs_in_and_out()
    {
        await using var host = Host();

        var probe = await host.Source<BaoStockSource>().ProbeAsync(CancellationToken.None);

        probe.Available.Should().BeTrue();
        _server.Requests.Select(r => r.MessageType).Should().Equal("00", "02");
        host.Timings.Records.Should().Contain(("source.baostock.login", true));
    }

    [Fact]
    public async Task Baostock_is_off_unless_enabled()
    {
        await using var host = SourceTestHost.Create(new Dictionary<string, string?>());

        var source = host.Source<BaoStockSource>();

        source.Enabled.Should().BeFalse();
        (await source.ProbeAsync(CancellationToken.None)).Error.Should().Contain("Sources:baostock:Enabled");
    }

    private SourceTestHost Host(params (string Key, string? Value)[] overrides)
    {
        var settings = SourceTestHost.Quick("baostock");
        settings["Sources:baostock:Enabled"] = "true";
        settings["Sources:baostock:Host"] = "127.0.0.1";
        settings["Sources:baostock:Port"] = _server.Port.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return SourceTestHost.Create(settings);
    }
}
