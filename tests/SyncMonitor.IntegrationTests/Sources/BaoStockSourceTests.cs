using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>The baostock client against a loopback TCP server replaying recorded BaoStock frames.</summary>
public sealed class BaoStockSourceTests : IAsyncLifetime
{
    private FakeBaoStockServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new FakeBaoStockServer(Replay);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_stock_list_logs_in_pages_through_query_stock_basic_keeps_listed_stocks_and_logs_out()
    {
        await using var host = Host();

        var stocks = await host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Select(s => s.FullSymbol).Should().BeEquivalentTo(["600000.SH", "688981.SH", "000001.SZ", "300750.SZ"],
            "indices (type 2) and delisted stocks (status 0) are not listed stocks");
        stocks.Single(s => s.Code == "600000").Should().BeEquivalentTo(new
        {
            Name = "浦发银行", ListDate = "19991110", Market = "主板", Sse = "上海证券交易所", Source = "baostock", TotalMv = (double?)null,
        });
        stocks.Single(s => s.Code == "688981").Market.Should().Be("科创板");
        var requests = _server.Requests.ToList();
        requests.Select(r => (r.MessageType, r.Method)).Should().Equal(
            ("00", "login"), ("45", "query_stock_basic"), ("45", "query_stock_basic"), ("45", "query_stock_basic"), ("02", "logout"));
        requests.Where(r => r.MessageType == "45").Select(r => r.Page).Should().Equal(1, 2, 3);
        requests.Should().OnlyContain(r => r.CrcValid && r.Version == "00.9.10");
        requests[0].Fields.Should().Equal("login", "anonymous", "123456", "0");
        requests[1].Fields.Should().Equal("query_stock_basic", "anonymous", "1", "3", "", "");
    }

    [Fact]
    public async Task The_calendar_comes_from_query_trade_dates_with_dashed_dates_on_the_wire()
    {
        await using var host = Host(("Sources:baostock:PerPageCount", "10000"));

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
    public async Task A_frame_with_a_bad_crc_is_retried_then_reported_as_a_bad_response()
    {
        _server.Handler = request => request.MessageType == "33" ? BaoStockReply.BadCrc("query_trade_dates.bin") : Replay(request);
        await using var host = Host();

        var act = () => host.Source<BaoStockSource>().FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("CRC32 mismatch");
        _server.Connections.Should().Be(2, "a garbled frame is worth one more session");
    }

    [Fact]
    public async Task A_truncated_frame_is_a_bad_response()
    {
        _server.Handler = request => request.MessageType == "45" ? BaoStockReply.Truncated("query_stock_basic_page1.bin") : Replay(request);
        await using var host = Host();

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("truncated");
    }

    [Fact]
    public async Task A_refused_login_is_unauthorized_and_not_retried()
    {
        _server.Handler = request => request.MessageType == "00" ? BaoStockReply.Frame("login_refused.bin") : Replay(request);
        await using var host = Host(("Sources:baostock:User", "someone"), ("Sources:baostock:Password", "s3cret-baostock-pw"));

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unauthorized);
        failure.Message.Should().Contain("10001002");
        _server.Connections.Should().Be(1);
        _server.Requests.Single().Fields[2].Should().Be("s3cret-baostock-pw", "the password travels in the login body");
        host.Logs.All.Should().NotContain("s3cret-baostock-pw");
        failure.ToString().Should().NotContain("s3cret-baostock-pw");
    }

    [Fact]
    public async Task A_silent_server_times_out_as_unreachable()
    {
        _server.Handler = request => request.MessageType == "00" ? BaoStockReply.Silence() : Replay(request);
        await using var host = Host(("Sources:baostock:TimeoutSeconds", "1"), ("Sources:baostock:MaxRetries", "0"));

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unreachable);
        failure.Message.Should().Contain("timed out");
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_repeated_failures_open_the_circuit_for_the_probe()
    {
        var port = _server.Port;
        await _server.DisposeAsync();
        _server = new FakeBaoStockServer(Replay);
        await using var host = SourceTestHost.Create(new Dictionary<string, string?>
        {
            ["Sources:baostock:Enabled"] = "true",
            ["Sources:baostock:Host"] = "127.0.0.1",
            ["Sources:baostock:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sources:baostock:MaxRetries"] = "0",
            ["Sources:baostock:BreakerMinimumThroughput"] = "2",
            ["Sources:baostock:BreakerBreakSeconds"] = "60",
        });
        var source = host.Source<BaoStockSource>();

        for (var i = 0; i < 2; i++)
        {
            var failure = (await FluentActions.Awaiting(() => source.FetchStockListAsync(null, CancellationToken.None))
                .Should().ThrowAsync<SourceUnavailableException>()).Which;
            failure.Kind.Should().Be(SourceFailureKind.Unreachable);
        }

        var probe = await source.ProbeAsync(CancellationToken.None);
        probe.Available.Should().BeFalse();
        probe.Error.Should().Contain("circuit open").And.Contain("connection failed");
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

    private static BaoStockReply Replay(BaoStockRequest request) => request.MessageType switch
    {
        "00" => BaoStockReply.Frame("login.bin"),
        "02" => BaoStockReply.Frame("logout.bin"),
        "33" => BaoStockReply.Frame("query_trade_dates.bin"),
        "45" => BaoStockReply.Frame($"query_stock_basic_page{request.Page}.bin"),
        _ => new BaoStockReply([], HangUp: true),
    };

    private SourceTestHost Host(params (string Key, string Value)[] overrides)
    {
        var settings = SourceTestHost.Quick("baostock");
        settings["Sources:baostock:Enabled"] = "true";
        settings["Sources:baostock:Host"] = "127.0.0.1";
        settings["Sources:baostock:Port"] = _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Sources:baostock:PerPageCount"] = "3";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return SourceTestHost.Create(settings);
    }
}
