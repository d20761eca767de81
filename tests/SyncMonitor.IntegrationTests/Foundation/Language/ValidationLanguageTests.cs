using System.Net;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>A 400's per-field messages and detail are in the request's language, whichever way the endpoint refused
/// the input (a thrown validation, a typed validation result, the framework's binding); field names stay as they are.</summary>
public sealed class ValidationLanguageTests
{
    [Theory]
    [InlineData("GET", SyncApiPaths.History + "?page=0", "page", "page 必须在 1 到 ", "page must be between 1 and ")]
    [InlineData("GET", AlertsApiPaths.List + "?limit=0", "limit", "limit 必须在 1 到 500 之间。", "limit must be between 1 and 500.")]
    [InlineData("POST", SyncApiPaths.StockBasicsRun + "?force=maybe", "force", "force 必须是 true 或 false。", "force must be true or false.")]
    [InlineData("GET", SyncApiPaths.History + "?status=nope", "status", "status 必须是以下之一：", "status must be one of")]
    public async Task Field_messages_are_chinese_by_default_and_english_on_request(string method, string path, string field, string chinese, string english)
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var (zh, zhResponse) = await SendAsync(client, new HttpMethod(method), path, null);
        var (en, enResponse) = await SendAsync(client, new HttpMethod(method), path, "en");

        zhResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Message(zh, field).Should().StartWith(chinese).And.NotContain("must");
        zh.GetProperty("detail").GetString().Should().MatchRegex(Cjk).And.NotContain("must");
        enResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Message(en, field).Should().StartWith(english);
        Text(en).Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public async Task A_batch_range_refused_field_by_field_reads_in_one_language()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var body = new { start_date = "2026-11-06", end_date = "2026-11-02" };

        var (zh, _) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.Batch, null, body);
        var (en, _) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.Batch, "en", body);

        Message(zh, "start_date").Should().Be("start_date 不能晚于 end_date。");
        Message(en, "start_date").Should().Be("start_date must not be after end_date.");
        Text(en).Should().NotMatchRegex(Cjk);
    }

    private static string Message(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
}
