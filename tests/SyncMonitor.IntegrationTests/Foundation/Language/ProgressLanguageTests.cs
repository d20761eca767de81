using System.Globalization;
using System.Text.Json;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>A task's progress (its step text while running, its final message) is stored once and read in each
/// reader's language; a snapshot stored before message parts existed reads as stored.</summary>
public sealed class ProgressLanguageTests
{
    [Fact]
    public async Task A_running_steps_text_is_chinese_by_default_and_english_on_request()
    {
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "3000");
        var client = host.CreateClient(TestApiKeys.Operator);
        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();

        var zh = await RunningWithMessageAsync(client, taskId);
        var (en, _) = await GetAsync(client, ProgressApiPaths.ForTask(taskId), "en");
        await client.WaitForEndAsync(taskId);

        zh.GetProperty("message").GetString().Should().MatchRegex(Cjk);
        en.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        Text(en).Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public async Task A_finished_tasks_message_is_chinese_by_default_and_english_on_request()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        await client.WaitForEndAsync(taskId);

        var (zh, _) = await GetAsync(client, ProgressApiPaths.ForTask(taskId), null);
        var (en, _) = await GetAsync(client, ProgressApiPaths.ForTask(taskId), "en");

        zh.GetProperty("status").GetString().Should().Be("completed", "codes stay as they are");
        zh.GetProperty("message").GetString().Should().Be("同步完成");
        en.GetProperty("message").GetString().Should().Be("Sync completed");
        Text(en).Should().NotMatchRegex(Cjk);
    }

    [Fact]
    public void A_snapshot_stored_without_parts_reads_as_stored_and_one_with_parts_reads_in_each_language()
    {
        const string old = """
            {"task_id":"t1","task_type":"stock_basics","status":"running","progress":10,"current_step":"fetch_list",
             "steps":[],"message":"正在获取股票列表","started_at":"2026-12-02T10:00:00Z","updated_at":"2026-12-02T10:00:01Z",
             "elapsed_seconds":1,"estimated_remaining_seconds":null}
            """;
        var stored = JsonSerializer.Deserialize<TaskProgressSnapshot>(old, JsonSetup.Options)!;
        var english = CultureInfo.GetCultureInfo("en");

        ProgressMessages.In(stored, english).Message.Should().Be("正在获取股票列表", "an old snapshot has no parts to render");
        var withParts = JsonSerializer.Deserialize<TaskProgressSnapshot>(
            JsonSerializer.Serialize(stored with { MessageParts = [ProgressMessages.FetchingList] }, JsonSetup.Options), JsonSetup.Options)!;
        ProgressMessages.In(withParts, english).Message.Should().Be("Fetching the stock list");
        ProgressMessages.In(withParts, CultureInfo.GetCultureInfo("zh-CN")).Message.Should().Be("正在获取股票列表");
    }

    private static async Task<JsonElement> RunningWithMessageAsync(HttpClient client, string taskId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var (zh, response) = await GetAsync(client, ProgressApiPaths.ForTask(taskId), null);
            if (response.IsSuccessStatusCode && zh.GetProperty("status").GetString() == "running"
                && zh.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                return zh;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the task shows a running step with a message");
            await Task.Delay(50);
        }
    }
}
