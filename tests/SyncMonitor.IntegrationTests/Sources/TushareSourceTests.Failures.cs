using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Tushare;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>Tushare's refusals (by their documented codes and msgs) and broken transport.</summary>
public sealed partial class TushareSourceTests
{
    [Fact]
    public async Task A_rejected_token_is_unauthorized_asked_once_and_never_appears_in_messages_or_logs()
    {
        // Fact: a wrong token gets code 40101, msg 您的token不对，请确认。 Here the server also echoes the token back in its
        // message, the worst case for a leak.
        _server.Handler = _ => FakeResponse.Json(TushareAnswers.Error(40101, "您的token不对，请确认: " + Token));
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
    public async Task The_per_minute_limit_is_retried_once_after_a_back_off_then_surfaces_as_rate_limited()
    {
        // Fact: 40203 抱歉，您每分钟最多访问该接口N次，… is the per-minute limit — a short wait can cure it.
        _tushare.PerMinuteLimit = 0;
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchDailyBasicAsync("20241115", CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.RateLimited);
        failure.Message.Should().Contain("40203").And.Contain("每分钟最多访问该接口0次");
        _server.Requests.Should().HaveCount(2, "one more try after the back-off, then the caller falls back");
        host.Logs.All.Should().NotContain(Token);
    }


    [Fact]
    public async Task The_per_minute_limit_passes_once_the_back_off_lets_the_next_call_through()
    {
        var calls = 0;
        _server.Handler = request => Interlocked.Increment(ref calls) == 1 ? FakeResponse.Json(TushareAnswers.PerMinuteLimit(200)) : _tushare.Answer(request);
        await using var host = Host();

        var days = await host.Source<TushareSource>().FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        days.Should().HaveCount(7);
        _server.Requests.Should().HaveCount(2);
    }


    [Fact]
    public async Task No_permission_for_an_endpoint_is_unauthorized_and_not_retried()
    {
        // Fact: 40203 抱歉，您没有接口访问权限，… — the token's points do not cover the endpoint; waiting does not help.
        _tushare.WithoutPermission.Add("daily_basic");
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchDailyBasicAsync("20241115", CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.Unauthorized);
        failure.Message.Should().Contain("no permission").And.Contain("没有接口访问权限");
        _server.Requests.Should().HaveCount(1);
    }


    [Fact]
    public async Task A_daily_quota_is_rate_limited_without_a_pointless_retry()
    {
        // Fact: 40203 抱歉，您每天最多访问该接口N次 (waditu/tushare#1846) — nothing changes within the run.
        _server.Handler = _ => FakeResponse.Json(TushareAnswers.DailyLimit(2));
        await using var host = Host();

        var act = () => host.Source<TushareSource>().FetchStockListAsync(null, CancellationToken.None);

        (await act.Should().ThrowAsync<SourceUnavailableException>()).Which.Kind.Should().Be(SourceFailureKind.RateLimited);
        _server.Requests.Should().HaveCount(1);
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
        _server.Handler = request => _tushare.Answer(request) with { Delay = TimeSpan.FromSeconds(30) };
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
}
