using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>A run's message is stored once (its parts as keys with arguments) and read in each reader's language:
/// the start answer, the status, the history — a cancel reason never English next to Chinese.</summary>
public sealed class RunMessageLanguageTests
{
    [Fact]
    public async Task A_cancelled_run_reads_as_cancelled_in_each_readers_language()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "1500");
        var client = host.CreateClient(TestApiKeys.Operator);

        var (started, _) = await SendAsync(client, HttpMethod.Post, SyncApiPaths.StockBasicsRun, "en");
        var taskId = started.GetProperty("data").TaskId();
        await client.PostAsync(SyncApiPaths.CancelFor(taskId), null);
        await client.WaitForEndAsync(taskId);

        var zh = await RunAsync(client, taskId, null);
        var en = await RunAsync(client, taskId, "en");
        var (status, _) = await GetAsync(client, SyncApiPaths.StockBasicsStatus, "en");

        started.GetProperty("data").GetProperty("message").GetString().Should().Be("Sync task started");
        Text(started).Should().NotMatchRegex(Cjk);
        zh.GetProperty("status").GetString().Should().Be("cancelled", "codes stay as they are");
        zh.GetProperty("message").GetString().Should().Be("已被 u-operator 取消");
        en.GetProperty("message").GetString().Should().Be("cancelled by u-operator");
        Text(en).Should().NotMatchRegex(Cjk);
        status.GetProperty("message").GetString().Should().Be("cancelled by u-operator");
        Text(status).Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public async Task A_finished_run_says_so_in_chinese_by_default_and_in_english_on_request()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        await client.WaitForEndAsync(taskId);

        var zh = await RunAsync(client, taskId, null);
        var en = await RunAsync(client, taskId, "en");

        zh.GetProperty("message").GetString().Should().Be("同步完成");
        en.GetProperty("message").GetString().Should().Be("Sync completed");
        Text(en).Should().NotMatchRegex(Cjk);
    }

    private static async Task<JsonElement> RunAsync(HttpClient client, string taskId, string? language)
    {
        var (history, _) = await GetAsync(client, SyncApiPaths.History + "?page_size=50", language);
        history.GetProperty("message").GetString().Should().MatchRegex(language is null ? Cjk : "^OK$");
        return history.GetProperty("data").GetProperty("items").EnumerateArray().Single(r => r.TaskId() == taskId);
    }
}
