using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>One language per response: zh-CN by default, English with <c>Accept-Language: en</c>; codes and field
/// names stay as they are.</summary>
public sealed class LanguageTests
{
    private const string Cjk = @"\p{IsCJKUnifiedIdeographs}";

    private static async Task<(JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpMethod method, string path, string? language, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    [Fact]
    public async Task The_busy_409_of_a_sync_is_chinese_by_default_and_english_on_request()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "2000");
        var client = host.CreateClient(TestApiKeys.Operator);
        var run = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();

        var (chinese, zhResponse) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.StockBasicsRun, null);
        var (english, enResponse) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.StockBasicsRun, "en-US,en;q=0.9");
        await client.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null);

        zhResponse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        chinese.GetProperty("message").GetString().Should().Be("已有同步任务正在运行，请等待当前任务完成后再试");
        chinese.GetProperty("title").GetString().Should().MatchRegex(Cjk);
        enResponse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        enResponse.Content.Headers.ContentLanguage.Should().Contain("en");
        english.GetProperty("message").GetString().Should().Be("A sync task is already running; wait for it to finish and try again.");
        english.GetProperty("detail").GetString().Should().Be(english.GetProperty("message").GetString());
        english.GetProperty("title").GetString().Should().Be("Conflict");
        english.GetProperty("current_task").GetProperty("task_id").GetString().Should().Be(run.TaskId(), "codes stay as they are");
        english.GetRawText().Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public async Task The_409_of_a_consistency_check_is_in_the_requested_language_too()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var check = new { primary = "demo", secondary = "demo_alt" };

        var (chinese, zhResponse) = await SendAsync(client, HttpMethod.Post, CrossSourceApiPaths.Check, null, check);
        var (english, enResponse) = await SendAsync(client, HttpMethod.Post, CrossSourceApiPaths.Check, "en", check);

        zhResponse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        chinese.GetProperty("detail").GetString().Should().StartWith("数据源 demo").And.Contain("preferred_sources=demo");
        enResponse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        english.GetProperty("detail").GetString().Should().StartWith("Source demo has no stored stock basics");
        english.GetRawText().Should().NotMatchRegex(Cjk);
    }

    [Theory]
    [InlineData(null, "请求参数校验失败。", "zh-CN")]
    [InlineData("en", "One or more validation errors occurred.", "en")]
    [InlineData("fr-FR", "请求参数校验失败。", "zh-CN")]
    public async Task A_validation_problem_title_follows_accept_language(string? language, string title, string contentLanguage)
    {
        using var host = new SyncMonitorFactory();
        var (body, response) = await SendAsync(host.CreateClient(TestApiKeys.Viewer), HttpMethod.Get, SyncApiPaths.History + "?page=0", language);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("title").GetString().Should().Be(title);
        body.GetProperty("errors").TryGetProperty("page", out _).Should().BeTrue("field names stay as they are");
        response.Content.Headers.ContentLanguage.Should().Contain(contentLanguage);
    }
}
