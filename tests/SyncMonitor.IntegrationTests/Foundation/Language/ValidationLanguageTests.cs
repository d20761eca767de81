using System.Net;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Stocks;
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

    [Fact]
    public async Task Run_ids_that_cannot_be_compensated_are_named_in_one_language()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var body = new { run_ids = new[] { "missing-1", "missing-2" } };

        var (zh, zhResponse) = await SendAsync(client, HttpMethod.Post, CompensationApiPaths.Root, null, body);
        var (en, _) = await SendAsync(client, HttpMethod.Post, CompensationApiPaths.Root, "en", body);

        zhResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Message(zh, "run_ids").Should().Be("没有这些任务：missing-1, missing-2。");
        zh.GetProperty("detail").GetString().Should().Be("没有这些任务：missing-1, missing-2。");
        Message(en, "run_ids").Should().Be("No such run: missing-1, missing-2.");
        Text(en).Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public async Task A_market_refused_lists_its_values_without_english_words_in_a_chinese_answer()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Viewer);

        var (zh, _) = await GetAsync(client, StocksApiPaths.List + "?market=nope", null);
        var (en, _) = await GetAsync(client, StocksApiPaths.List + "?market=nope", "en");

        Message(zh, "market").Should().Be("market 必须是以下之一：主板, 创业板, 科创板, 北交所（或 main, chinext, star, bse）。");
        Message(en, "market").Should().Be("market must be one of 主板, 创业板, 科创板, 北交所 (or main, chinext, star, bse).",
            "the board names are accepted values, kept as they are");
    }

    [Fact]
    public void A_message_of_several_sentences_is_written_sentence_by_sentence()
        => Api.Common.Errors.ValidationMessages.In(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"),
                "No such run: a, b and 3 more. Not a daily run (jobs daily_basic, x): c. Still running: d.")
            .Should().Be("没有这些任务：a, b 等（另有 3 个）。不是日线同步任务（任务类型 daily_basic, x）：c。仍在运行：d。");

    private static string Message(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
}
