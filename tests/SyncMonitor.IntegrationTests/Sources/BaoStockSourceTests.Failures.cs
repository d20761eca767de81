using System.Globalization;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>How the baostock client meets the server's errors (type-04 frames, refused logins) and broken transport.</summary>
public sealed partial class BaoStockSourceTests
{
    [Fact]
    public async Task A_type_04_error_is_read_on_the_same_connection_as_a_bad_request_and_not_retried()
    {
        // Fact: the server answers a message type it does not offer with 04 10004020|错误的消息类型 and keeps the connection.
        _service.Fault = request => request.MessageType == "45" ? BaoStockReply.Frame(BaoStockFrames.Error("10004020", "错误的消息类型")) : null;
        await using var host = Host();

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("bad request").And.Contain("10004020").And.Contain("错误的消息类型");
        _server.Connections.Should().Be(1, "a bad request is not worth another session");
        host.Health("baostock").LastError.Should().Contain("10004020");
    }


    [Fact]
    public async Task A_type_04_system_error_on_a_later_page_is_retried_in_a_new_session_that_reads_every_page()
    {
        _service.FailOnce(request => request is { MessageType: "45", Page: 2 }, BaoStockFrames.Error("10005001", "系统级别错误"));
        await using var host = Host(("Sources:baostock:PerPageCount", "4"));

        var stocks = await host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        stocks.Select(s => s.Code).Should().Equal(BaoStockUniverse.ListedCodes);
        _server.Connections.Should().Be(2);
        _server.Requests.Where(r => r.MessageType == "45").Select(r => r.Page).Should().Equal(1, 2, 1, 2, 3);
    }


    [Fact]
    public async Task An_answer_for_another_page_than_the_one_asked_for_is_a_bad_response()
    {
        _service.Fault = request => request is { MessageType: "45", Page: 2 }
            ? _service.Answer(request with { Fields = ["query_stock_basic", "anonymous", "1", "4", "", ""] })
            : null;
        await using var host = Host(("Sources:baostock:PerPageCount", "4"), ("Sources:baostock:MaxRetries", "0"));

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        (await act.Should().ThrowAsync<SourceUnavailableException>()).Which.Message.Should().Contain("asked for page 2, the answer is page 1");
    }


    [Fact]
    public async Task An_answer_without_a_field_the_list_needs_is_a_bad_response_that_is_not_retried()
    {
        _service.Fault = request => request.MessageType == "45"
            ? BaoStockReply.Frame(BaoStockFrames.Frame("46", BaoStockFrames.QueryBody("query_stock_basic", "anonymous", 1, 10000,
                [["sh.600000", "浦发银行", "1999-11-10", "", "1"]], ["", ""], "code, code_name, ipoDate, outDate, type")))
            : null;
        await using var host = Host();

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("without the field(s) status");
        _server.Connections.Should().Be(1);
    }


    [Fact]
    public async Task A_frame_with_a_bad_crc_is_retried_then_reported_as_a_bad_response()
    {
        _service.Fault = request => request.MessageType == "33"
            ? BaoStockReply.BadCrc(BaoStockFrames.Frame("34", BaoStockFrames.QueryBody("query_trade_dates", "anonymous", 1, 10000, BaoStockUniverse.TradeDates,
                ["2024-11-11", "2024-11-17"], FakeBaoStockService.TradeDateFields)))
            : null;
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
        _service.Fault = request => request.MessageType == "45"
            ? BaoStockReply.Truncated(BaoStockFrames.Frame("46", BaoStockFrames.QueryBody("query_stock_basic", "anonymous", 1, 10000,
                BaoStockUniverse.Sample, ["", ""], FakeBaoStockService.StockBasicFields)))
            : null;
        await using var host = Host();

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("truncated");
    }


    [Fact]
    public async Task A_refused_login_is_unauthorized_and_not_retried()
    {
        await using var host = Host(("Sources:baostock:User", "someone"), ("Sources:baostock:Password", "s3cret-baostock-pw"));

        var act = () => host.Source<BaoStockSource>().FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unauthorized);
        failure.Message.Should().Contain("login refused").And.Contain("10001002");
        _server.Connections.Should().Be(1);
        _server.Requests.Single().Fields[2].Should().Be("s3cret-baostock-pw", "the password travels in the login body");
        host.Logs.All.Should().NotContain("s3cret-baostock-pw");
        failure.ToString().Should().NotContain("s3cret-baostock-pw");
    }


    [Fact]
    public async Task A_silent_server_times_out_as_unreachable()
    {
        _service.Fault = request => request.MessageType == "00" ? BaoStockReply.Silence() : null;
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
        _server = new FakeBaoStockServer(request => _service.Answer(request));
        await using var host = SourceTestHost.Create(new Dictionary<string, string?>
        {
            ["Sources:baostock:Enabled"] = "true",
            ["Sources:baostock:Host"] = "127.0.0.1",
            ["Sources:baostock:Port"] = port.ToString(CultureInfo.InvariantCulture),
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
}
