using System.Text.Json;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;
using SyncMonitor.Api.Modules.Sync.Sources.Tushare;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>The tushare client against a local Kestrel server that answers as Tushare Pro's HTTP API does
/// (<see cref="FakeTushareService"/>: the documented envelope, documented units, null cells, str fields, paging by
/// limit/offset with has_more, and the codes and msgs of its refusals).</summary>
public sealed partial class TushareSourceTests : IAsyncLifetime
{
    private const string Token = "tk-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly FakeTushareService _tushare = new(Token);
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(request => _tushare.Answer(request));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_stock_list_is_read_from_stock_basic_with_normalized_codes_and_boards()
    {
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
        // Fact: daily_basic (doc_id=32) gives total_mv/circ_mv in 万元 and total_share/float_share in 万股; pe is empty for
        // a loss-making company.
        await using var host = Host(("Sources:tushare:PageSize", "100"));
        _tushare.Apis["daily_basic"].Rows.AddRange(Enumerable.Range(0, 150).Select(i => (object?[])["600" + (100 + i) + ".SH", "20241115",
            10.0, 1.0, 1.0, 1.0, 10.0, 10.0, 1.0, 1.0, 1.0, null, null, 10000.0, 10000.0, 10000.0, 100000.0, 100000.0]));

        var rows = await host.Source<TushareSource>().FetchDailyBasicAsync("20241115", CancellationToken.None);

        rows.Should().HaveCount(155);
        _server.Requests.Select(Offset).Should().Equal(0, 100);
        var pingAn = rows.Single(r => r.Code == "000001");
        pingAn.TradeDate.Should().Be("20241115");
        pingAn.TotalMv.Should().BeApproximately(2235.56177641, 1e-9, "22355617.7641 万元 is 2235.56 亿元");
        pingAn.CircMv.Should().BeApproximately(2235.52512, 1e-9);
        pingAn.TotalShare.Should().Be(1940591.8198, "shares stay in 万股");
        pingAn.Pe.Should().Be(4.8762);
        rows.Single(r => r.Code == "430047").Pe.Should().BeNull("a loss-making company has no PE (null on the wire)");
        rows.Single(r => r.Code == "600100").TotalMv.Should().Be(10, "100000 万元 is 10 亿元");
        host.Source<TushareSource>().LastWarnings.Should().BeEmpty();
    }

    [Fact]
    public async Task The_calendar_comes_from_trade_cal_in_date_order_with_is_open_sent_as_a_string()
    {
        // Fact: trade_cal (doc_id=26) documents is_open as str ("0"/"1").
        await using var host = Host();

        var days = await host.Source<TushareSource>().FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        days.Select(d => (d.CalDate, d.IsOpen)).Should().Equal(
            ("20241111", true), ("20241112", true), ("20241113", true), ("20241114", true), ("20241115", true), ("20241116", false), ("20241117", false));
        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        body.RootElement.GetProperty("params").GetProperty("start_date").GetString().Should().Be("20241111");
    }

    [Fact]
    public async Task A_requested_field_the_answer_lacks_is_stored_empty_and_reported_as_unavailable()
    {
        var (fields, rows) = _tushare.Apis["daily_basic"];
        var dropped = Array.IndexOf(fields, "volume_ratio");
        _tushare.Apis["daily_basic"] = (fields.Where((_, i) => i != dropped).ToArray(), rows.Select(r => r.Where((_, i) => i != dropped).ToArray()).ToList());
        await using var host = Host();
        var source = host.Source<TushareSource>();

        var daily = await source.FetchDailyBasicAsync("20241115", CancellationToken.None);

        daily.Should().OnlyContain(r => r.VolumeRatio == null && r.Pb != null);
        source.LastWarnings.Should().ContainSingle().Which.Should().Contain("field unavailable").And.Contain("volume_ratio");
    }

    [Fact]
    public async Task A_healthy_source_probes_available_and_records_timings_and_metrics()
    {
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
        settings["Sources:tushare:RateLimitBackoffSeconds"] = "0.05";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return SourceTestHost.Create(settings);
    }
}
