using System.Net;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>The <c>{success, data, message}</c> envelope's message is in the request's language: Chinese by default,
/// English with <c>Accept-Language: en</c>, never an English "ok" in a Chinese answer.</summary>
public sealed class EnvelopeLanguageTests
{
    [Theory]
    [InlineData(SyncApiPaths.Current, "没有正在运行的同步任务", "No sync task is running")]
    [InlineData(SyncApiPaths.StockBasicsStatus, "尚未同步", "Never synced")]
    [InlineData(SyncApiPaths.SourcesStatus, "操作成功", "OK")]
    [InlineData(SyncApiPaths.History, "操作成功", "OK")]
    [InlineData(StocksApiPaths.List, "操作成功", "OK")]
    public async Task An_envelope_message_is_chinese_by_default_and_english_on_request(string path, string chinese, string english)
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Viewer);

        var (zh, zhResponse) = await GetAsync(client, path, null);
        var (en, enResponse) = await GetAsync(client, path, "en");
        var (zhAgain, _) = await GetAsync(client, path, "zh-CN,zh;q=0.9");

        zhResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        zh.GetProperty("message").GetString().Should().Be(chinese);
        enResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        en.GetProperty("message").GetString().Should().Be(english);
        Text(en).Should().NotMatchRegex(Cjk, "an English answer has no Chinese words");
        zhAgain.GetProperty("message").GetString().Should().Be(chinese, "a cached answer keeps each language apart");
    }

    [Fact]
    public async Task Testing_the_sources_counts_them_in_the_request_language()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var (zh, _) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.TestSources, null);
        var (en, _) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.TestSources, "en");

        zh.GetProperty("message").GetString().Should().MatchRegex(@"^\d+/\d+ 个已配置数据源可用$");
        en.GetProperty("message").GetString().Should().MatchRegex(@"^\d+/\d+ configured sources available$");
        Text(en).Should().NotMatchRegex(Cjk);
    }
}
