using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Fallback across real sources speaking their wire formats (local fake Tushare and AKTools servers).</summary>
public sealed class SourceFallbackTests : IAsyncLifetime
{
    private FakeHttpServer _tushare = null!;
    private FakeHttpServer _aktools = null!;

    public async Task InitializeAsync()
    {
        _tushare = await FakeHttpServer.StartAsync(_ => FakeResponse.Json(TushareAnswers.PerMinuteLimit(200)));
        _aktools = await FakeHttpServer.StartAsync(new FakeAkToolsService().Answer);
    }

    public async Task DisposeAsync()
    {
        await _tushare.DisposeAsync();
        await _aktools.DisposeAsync();
    }

    private SyncMonitorFactory Host() => new SyncMonitorFactory()
        .With("Sources:tushare:Token", "tk-fallback-test-token")
        .With("Sources:tushare:BaseUrl", _tushare.BaseUrl.ToString())
        .With("Sources:tushare:RateLimitRetries", "0")
        .With("Sources:tushare:MaxRetries", "0")
        .With("Sources:akshare:BaseUrl", _aktools.BaseUrl.ToString());

    [Fact]
    public async Task With_tushare_rate_limited_the_stock_list_comes_from_akshare_and_both_are_recorded()
    {
        using var host = Host();
        var client = host.CreateClient(TestApiKeys.Operator);

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("success", run.ToString());
        run.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Equal("stock_list:akshare");
        var stats = run.GetProperty("source_stats");
        stats.GetProperty("tushare").GetProperty("success").GetInt64().Should().Be(0);
        stats.GetProperty("akshare").GetProperty("total").GetInt64().Should().Be(6);
        stats.GetProperty("akshare").GetProperty("success").GetInt64().Should().Be(6);
        run.GetProperty("synthetic").GetBoolean().Should().BeFalse("the demo source is never a fallback for real sources");
        _tushare.Requests.Should().NotBeEmpty();
        _tushare.Requests.Should().OnlyContain(r => r.Body.Contains("stock_basic"));
    }

    [Fact]
    public async Task When_every_real_source_fails_the_run_fails_instead_of_falling_back_to_demo_data()
    {
        _aktools.Handler = _ => FakeResponse.Json(500, "{\"error\":\"internal\"}");
        using var host = Host().With("Sources:akshare:MaxRetries", "0");
        var client = host.CreateClient(TestApiKeys.Operator);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the run's message below, in English

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("message").GetString().Should().Contain("No source could serve the stock list").And.NotContain("tk-fallback-test-token");
        run.GetProperty("inserted").GetInt64().Should().Be(0);
        run.GetProperty("synthetic").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Sources_status_lists_every_source_with_its_priority_and_the_probe_result()
    {
        using var host = Host();
        var client = host.CreateClient(TestApiKeys.Operator);

        await client.PostAsync(SyncApiPaths.TestSources, null);
        var sources = (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.SourcesStatus)).GetProperty("data").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!);

        sources["tushare"].GetProperty("priority").GetInt32().Should().Be(1);
        sources["tushare"].GetProperty("enabled").GetBoolean().Should().BeTrue();
        sources["tushare"].GetProperty("available").GetBoolean().Should().BeFalse();
        sources["tushare"].GetProperty("last_error").GetString().Should().NotBeNullOrEmpty().And.NotContain("tk-fallback-test-token");
        sources["akshare"].GetProperty("available").GetBoolean().Should().BeTrue();
        sources["baostock"].GetProperty("enabled").GetBoolean().Should().BeFalse();
        sources["demo"].GetProperty("synthetic").GetBoolean().Should().BeTrue();
        sources["demo"].GetProperty("priority").ValueKind.Should().Be(JsonValueKind.Null, "demo is outside the fallback chain");
        var alerts = await client.GetFromJsonAsync<JsonElement>("/api/monitoring/alerts?status=firing");
        alerts.GetProperty("items").EnumerateArray().Should().Contain(a => a.GetProperty("rule").GetString() == "source_unavailable");
    }
}
