using System.Globalization;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sources.Support;
using SyncMonitor.IntegrationTests.Stocks;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Stock-basics runs through HTTP against loopback servers that answer as the real sources do: BaoStock frames
/// built to the public server's conventions (character-counted lengths, CRC32 over bytes, paging by cur_page/per_page,
/// type-04 errors) and AKTools records in AKShare's column names.</summary>
public sealed class SourceConformanceRunTests : IAsyncLifetime
{
    private readonly FakeBaoStockService _baostock = new(BaoStockUniverse.Sample, BaoStockUniverse.WeekdaysAround(TradeDates.Today(TimeProvider.System)));
    private readonly FakeAkToolsService _aktools = new()
    {
        TradeDates = BaoStockUniverse.WeekdaysAround(TradeDates.Today(TimeProvider.System)).Where(d => d[1] == "1").Select(d => d[0]).ToList(),
    };

    private FakeBaoStockServer _server = null!;
    private FakeHttpServer _aktoolsServer = null!;

    public async Task InitializeAsync()
    {
        _server = new FakeBaoStockServer(request => _baostock.Answer(request));
        _aktoolsServer = await FakeHttpServer.StartAsync(request => _aktools.Answer(request));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _aktoolsServer.DisposeAsync();
    }

    [Fact]
    public async Task A_stock_basics_run_from_baostock_stores_the_listed_a_shares_with_their_chinese_names_across_pages_and_a_04_error()
    {
        // The first session meets a type-04 system error on page 2 (10005001 系统级别错误); the retry reads all three pages.
        _baostock.FailOnce(request => request is { MessageType: "45", Page: 2 }, BaoStockFrames.Error("10005001", "系统级别错误"));
        using var host = Host();
        var client = host.CreateClient(TestApiKeys.Operator);

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync("?preferred_sources=baostock")).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success", run.ToString());
        run.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Contain(["stock_list:baostock", "daily_data:akshare"]);
        run.GetProperty("source_stats").GetProperty("baostock").GetProperty("success").GetInt64().Should().Be(6);
        var stored = await client.ListAsync("?source=baostock&page_size=200");
        stored.Items().Select(i => (i.GetProperty("code").GetString(), i.GetProperty("name").GetString())).Should().BeEquivalentTo(
        [
            ("000001", "平安银行"), ("000002", "万科A"), ("300750", "宁德时代"), ("600000", "浦发银行"), ("600519", "贵州茅台"), ("688981", "中芯国际"),
        ]);
        stored.Items().Single(i => i.GetProperty("code").GetString() == "600000").Number("total_mv").Should().BeApproximately(2897.058784, 1e-6,
            "fundamentals come from the AKTools snapshot, 元 → 亿元");
        _server.Requests.Where(r => r.MessageType == "45").Select(r => r.Page).Should().Equal(1, 2, 1, 2, 3);
        _server.Requests.Should().OnlyContain(r => r.CrcValid && r.DeclaredLength == r.BodyCharacters);
    }

    [Fact]
    public async Task A_04_bad_request_fails_the_baostock_list_at_once_with_the_servers_code_and_message_in_the_run_record()
    {
        // Fact: the server answers a message type it does not offer with type 04, 10004020|错误的消息类型.
        _baostock.Fault = request => request.MessageType == "45" ? BaoStockReply.Frame(BaoStockFrames.Error("10004020", "错误的消息类型")) : null;
        using var host = Host().With("Sources:akshare:Enabled", "false");
        var client = host.CreateClient(TestApiKeys.Operator);

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("message").GetString().Should().Contain("baostock: bad request (10004020: 错误的消息类型)");
        run.GetProperty("inserted").GetInt64().Should().Be(0);
        _server.Requests.Count(r => r.MessageType == "45").Should().Be(1, "a bad request is not worth another session");
    }

    [Fact]
    public async Task A_snapshot_without_market_value_columns_is_recorded_as_field_unavailable_not_stored_as_zero()
    {
        // Fact: AKShare before 1.6.9 answered stock_zh_a_spot_em without 总市值 and 流通市值.
        _aktools.Spot = AkShareSpot.Without("总市值", "流通市值");
        using var host = Host();
        var client = host.CreateClient(TestApiKeys.Operator);

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync("?preferred_sources=akshare")).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success_with_errors", run.ToString());
        run.GetProperty("message").GetString().Should().Contain("field unavailable").And.Contain("总市值").And.Contain("流通市值");
        var stored = await client.ListAsync("?source=akshare&page_size=200");
        stored.Items().Should().HaveCount(6).And.OnlyContain(i => i.Number("total_mv") == null && i.Number("circ_mv") == null);
        stored.Items().Single(i => i.GetProperty("code").GetString() == "000001").Number("pe").Should().Be(4.88);
    }

    private SyncMonitorFactory Host() => new SyncMonitorFactory()
        .With("Sources:baostock:Enabled", "true")
        .With("Sources:baostock:Host", "127.0.0.1")
        .With("Sources:baostock:Port", _server.Port.ToString(CultureInfo.InvariantCulture))
        .With("Sources:baostock:PerPageCount", "4")
        .With("Sources:baostock:MaxRetries", "1")
        .With("Sources:baostock:RetryDelaySeconds", "0.01")
        .With("Sources:akshare:BaseUrl", _aktoolsServer.BaseUrl.ToString());
}
