using System.Net;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>The 404 answers the endpoints write themselves say what is missing in the request's language; the id
/// they name is quoted as it came.</summary>
public sealed class ProblemDetailLanguageTests
{
    private const string Id = "nope_task_1";

    public static TheoryData<string, string> Missing => new()
    {
        { "GET", ChangeApiPaths.ChangesFor(Id) },
        { "POST", ChangeApiPaths.ApproveFor(Id) },
        { "POST", ChangeApiPaths.DiscardFor(Id) },
        { "POST", SyncApiPaths.CancelFor(Id) },
        { "GET", ProgressApiPaths.ForTask(Id) },
        { "GET", CompensationApiPaths.ItemFor(Id) },
        { "POST", CompensationApiPaths.RollbackFor(Id) },
        { "GET", CrossSourceApiPaths.ReportFor("0123456789abcdef01234567") },
        { "GET", OperationLogApiPaths.For("0123456789abcdef0123456789abcdef") },
        { "GET", AlertsApiPaths.ItemFor("0123456789abcdef01234567") },
        { "POST", AlertsApiPaths.AcknowledgeFor("0123456789abcdef01234567") },
        { "POST", AlertsApiPaths.ResolveFor("0123456789abcdef01234567") },
        { "POST", AlertsApiPaths.ChannelTestFor("nope") },
        { "POST", NotificationsApiPaths.MarkReadFor("0123456789abcdef01234567") },
        { "GET", StocksApiPaths.ItemFor("000001") },
        { "POST", SchedulerApiPaths.Pause("nope") },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task A_not_found_detail_is_chinese_by_default_and_english_on_request(string method, string path)
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Admin);

        var (zh, zhResponse) = await SendAsync(client, new HttpMethod(method), path, null);
        var (en, enResponse) = await SendAsync(client, new HttpMethod(method), path, "en");

        zhResponse.StatusCode.Should().Be(HttpStatusCode.NotFound, Text(zh));
        zh.GetProperty("detail").GetString().Should().MatchRegex(Cjk).And.NotMatchRegex(@"\b(No|not|has|is)\b");
        enResponse.StatusCode.Should().Be(HttpStatusCode.NotFound);
        en.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        Text(en).Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public async Task A_body_sent_without_json_content_type_is_refused_in_the_requests_language()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var zh = await PlainTextAsync(client, null);
        var en = await PlainTextAsync(client, "en");

        zh.Should().MatchRegex(Cjk).And.Contain("Content-Type: application/json");
        en.Should().NotMatchRegex(Cjk).And.Contain("Content-Type: application/json");
    }

    private static async Task<string> PlainTextAsync(HttpClient client, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, OperationLogApiPaths.Create)
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content))
            .GetProperty("detail").GetString()!;
    }
}
