using System.Text.Json;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;
using SyncMonitor.Api.Modules.Sync.Sources.Tushare;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>The tushare client against a local Kestrel server replaying recorded Tushare Pro answers.</summary>
public sealed class TushareSourceTests : IAsyncLifetime
{
    private const string Token = "tk-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_stock_list_is_read_from_stock_basic_with_normalized_codes_and_boards()
    {
        _server.Handler = _ => FakeResponse.Json(Fixtures.Text("tushare/stock_basic.json"));
        await using var host = Host();

        var stocks = await host.Source<TushareSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Should().HaveCount(5);
        var pingAn = stocks.Single(s => s.Code == "000001");
        pingAn.Should().BeEquivalentTo(new
        {
            Symbol = "000001", Name = "平安银行", Area = "深圳", Industry = "银行", Market = "主板", ListDate = "19910403",
            Sse = "深圳证券交易所", FullSymbol = "000001.SZ", Source = "tushare",
        });
        stocks.Select(s => (s.FullSymbol, s.Market)).Should().Contain([("300750.SZ", "创业板"), ("688981.SH", "科创板"), ("430047.BJ", "北交所")]);
        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        body.RootElement.GetProperty("api_name").GetString().Should().Be("stock_basic");
        body.RootElement.GetProperty("token").GetString().Should().Be(Token);
        body.RootElement.GetProperty("fields").GetString().Should().Contain("ts_code").And.Contain("list_date");
        body.RootElement.GetProperty("params").GetProperty("list_status").GetString().Should().Be("L");
    }

    [Fact]
    public async Task Daily_basic_follows_has_more_with_offset_and_converts_market_values_from_wan_yuan_to_yi_yuan()
    {
        _server.Handler = request => FakeResponse.Json(Fixtures.Text(Offset(request) == 0
            ? "tushare/daily_basic_20241115_page1.json"
            : "tushare/daily_basic_20241115_page2.json"));
        await using var host = Host();

        var rows = await host.Source<TushareSource>().FetchDailyBasicAsync("20241115", CancellationToken.None);

        rows.Should().HaveCount(5);
        _server.Requests.Select(Offset).Should().Equal(0, 3);
        var pingAn = rows.Single(r => r.Code == "000001");
        pingAn.TradeDate.Should().Be("20241115");
        pingAn.TotalMv.Should().BeApproximately(2235.56177641, 1e-9, "22355617.7641 万元 is 2235.56 亿元");
        pingAn.CircMv.Should().BeApproximately(2235.52512, 1e-9);
        pingAn.TotalShare.Should().Be(1940591.8198, "shares stay in 万股");
        pingAn.Pe.Should().Be(4.8762);
        rows.Single(r => r.Code == "688981").Pe.Should().BeNull("a loss-making company has no PE");
    }

    [Fact]
    public async Task The_calendar_comes_from_trade_cal_in_date_order()
    {
        _server.Handler = _ => FakeResponse.Json(Fixtures.Text("tushare/trade_cal_20241111_20241117.json"));
        await using var host = Host();

        var days = await host.Source<TushareSource>().FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        days.Select(d => (d.CalDate, d.IsOpen)).Should().Equal(
            ("20241111", true), ("20241112", true), ("20241113", true), ("20241114", true), ("20241115", true), ("20241116", false), ("20241117", false));
        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        body.RootElement.GetProperty("params").GetProperty("start_date").GetString().Should().Be("20241111");
    }

    [Fact]
    public async Task A_rejected_token_is_unauthorized_asked_once_and_never_appears_in_messages_or_logs()
    {
        // The server echoes the token back in its message, the worst case for a leak.
        _server.Handler = _ => FakeResponse.Json(Fixtures.Text("tushare/error_40101_invalid_token.json").Replace("请确认。", "请确认: " + Token, StringComparison.Ordinal));
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unauthorized);
        failure.Message.Should().Contain("40101").And.Contain("Sources:tushare:Token");
        failure.ToString().Should().NotContain(Token);
        _server.Requests.Should().HaveCount(1, "a bad token is never retried");
        host.Logs.Lines.Should().NotBeEmpty();
        host.Logs.All.Should().NotContain(Token);
        host.Health("tushare").LastError.Should().NotContain(Token);
    }

    [Fact]
    public async Task A_rate_limit_is_retried_once_after_a_back_off_then_surfaces_as_rate_limited()
    {
        _server.Handler = _ => FakeResponse.Json(Fixtures.Text("tushare/error_40203_rate_limited.json"));
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchDailyBasicAsync("20241115", CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.RateLimited);
        failure.Message.Should().Contain("40203");
        _server.Requests.Should().HaveCount(2, "one more try after the back-off, then the caller falls back");
        host.Logs.All.Should().NotContain(Token);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_then_reported_unreachable()
    {
        _server.Handler = _ => FakeResponse.Json(502, "<html>bad gateway</html>");
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unreachable);
        failure.Message.Should().Contain("502");
        _server.Requests.Should().HaveCount(2, "one retry is configured");
        host.Logs.All.Should().NotContain(Token);
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_unreachable()
    {
        _server.Handler = _ => new FakeResponse(200, Fixtures.Text("tushare/stock_basic.json"), Delay: TimeSpan.FromSeconds(30));
        await using var host = Host(("Sources:tushare:TimeoutSeconds", "1"), ("Sources:tushare:MaxRetries", "0"));

        var act = () => host.Source<TushareSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unreachable);
        failure.Message.Should().Contain("timed out");
    }

    [Fact]
    public async Task An_answer_that_is_not_tushare_json_is_a_bad_response()
    {
        _server.Handler = _ => FakeResponse.Json("{\"code\": 0, \"msg\": \"\", \"data\": {\"fields\": [\"ts_code\"], \"items\": [[\"000001.SZ\"");
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchStockListAsync(null, CancellationToken.None);

        (await act.Should().ThrowAsync<SourceUnavailableException>()).Which.Kind.Should().Be(SourceFailureKind.BadResponse);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_the_probe_reports_the_last_error_without_calling()
    {
        _server.Handler = _ => FakeResponse.Json(503, "maintenance");
        await using var host = Host(("Sources:tushare:MaxRetries", "0"), ("Sources:tushare:BreakerMinimumThroughput", "2"),
            ("Sources:tushare:BreakerBreakSeconds", "60"));
        var source = host.Source<TushareSource>();
        for (var i = 0; i < 2; i++)
        {
            await FluentActions.Awaiting(() => source.FetchStockListAsync(null, CancellationToken.None)).Should().ThrowAsync<SourceUnavailableException>();
        }

        var requestsBeforeProbe = _server.Requests.Count;
        var probe = await source.ProbeAsync(CancellationToken.None);

        probe.Available.Should().BeFalse();
        probe.Error.Should().Contain("circuit open").And.Contain("503");
        host.Health("tushare").CircuitOpen.Should().BeTrue();
        _server.Requests.Should().HaveCount(requestsBeforeProbe, "an open circuit answers without touching the server");
    }

    [Fact]
    public async Task A_healthy_source_probes_available_and_records_timings_and_metrics()
    {
        _server.Handler = _ => FakeResponse.Json(Fixtures.Text("tushare/trade_cal_20241111_20241117.json"));
        await using var host = Host();

        var probe = await host.Source<TushareSource>().ProbeAsync(CancellationToken.None);

        probe.Should().BeEquivalentTo(new { Available = true, Error = (string?)null });
        probe.LatencyMs.Should().BeGreaterThan(0);
        host.Timings.Records.Should().Contain(("source.tushare.trade_cal", true));
        host.Measurements.Should().Contain(m => m.Instrument == SourceMetrics.Requests
            && m.Tags["source"] == "tushare" && m.Tags["api"] == "trade_cal" && m.Tags["outcome"] == "success");
        host.Measurements.Should().Contain(m => m.Instrument == SourceMetrics.RequestDuration && m.Tags["source"] == "tushare");
    }

    [Fact]
    public async Task Without_a_token_the_source_is_disabled_and_says_how_to_enable_it()
    {
        await using var host = SourceTestHost.Create(new Dictionary<string, string?> { ["Sources:tushare:BaseUrl"] = _server.BaseUrl.ToString() });
        var source = host.Source<TushareSource>();

        source.Enabled.Should().BeFalse();
        (await source.ProbeAsync(CancellationToken.None)).Error.Should().Contain("Sources:tushare:Token");
        _server.Requests.Should().BeEmpty();
    }

    private static int Offset(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("params").GetProperty("offset").GetInt32();
    }

    private SourceTestHost Host(params (string Key, string Value)[] overrides)
    {
        var settings = SourceTestHost.Quick("tushare");
        settings["Sources:tushare:Token"] = Token;
        settings["Sources:tushare:BaseUrl"] = _server.BaseUrl.ToString();
        settings["Sources:tushare:PageSize"] = "100";
        settings["Sources:tushare:RateLimitBackoffSeconds"] = "0.05";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return SourceTestHost.Create(settings);
    }
}
