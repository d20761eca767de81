using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>Finished sync runs notify the user who started them and the configured recipients.</summary>
public sealed class SyncRunNotificationTests
{
    private static SyncStats Run(string taskId, SyncRunStatus status, string triggeredBy) => new()
    {
        Job = "stock_basics",
        TaskId = taskId,
        TaskType = SyncTaskType.StockBasics,
        DataType = "stock_basic_info",
        Status = status,
        Total = 5000,
        Inserted = 10,
        Updated = 4980,
        Errors = status == SyncRunStatus.SuccessWithErrors ? 10 : 0,
        TriggeredBy = triggeredBy,
    };

    private static async Task FinishAsync(SyncMonitorFactory host, SyncStats run)
    {
        foreach (var listener in host.Services.GetServices<ISyncRunListener>())
        {
            await listener.OnRunFinishedAsync(run, CancellationToken.None);
        }
    }

    private static async Task<List<JsonElement>> SyncNotificationsAsync(SyncMonitorFactory host, string key)
        => (await host.CreateClient(key).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List + "?type=sync"))
            .GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_run_notifies_the_user_who_started_it_and_the_configured_recipients_once_each()
    {
        using var host = new SyncMonitorFactory()
            .With("Notifications:SyncRecipients:0", "u-admin")
            .With("Notifications:SyncRecipients:1", "u-operator");

        await FinishAsync(host, Run("task-ok-1", SyncRunStatus.SuccessWithErrors, "u-operator"));

        var operatorNotes = await SyncNotificationsAsync(host, TestApiKeys.Operator);
        var note = operatorNotes.Should().ContainSingle("the starter is also a configured recipient, notified once").Subject;
        note.GetProperty("severity").GetString().Should().Be("warning");
        note.GetProperty("title").GetString().Should().Be("同步部分完成（有错误）: stock_basics", "zh-CN unless the recipient's language is set");
        note.GetProperty("content").GetString().Should().Contain("task-ok-1").And.Contain("错误 10");
        note.GetProperty("link").GetString().Should().Be("/api/sync/tasks/task-ok-1/progress");
        note.GetProperty("source").GetString().Should().Be("sync");
        note.GetProperty("metadata").GetProperty("status").GetString().Should().Be("success_with_errors");
        (await SyncNotificationsAsync(host, TestApiKeys.Admin)).Should().ContainSingle();
        (await SyncNotificationsAsync(host, TestApiKeys.Viewer)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_scheduled_run_notifies_only_the_configured_recipients_with_severity_by_status()
    {
        using var host = new SyncMonitorFactory().With("Notifications:SyncRecipients:0", "u-admin").With("Notifications:Languages:u-admin", "en");

        await FinishAsync(host, Run("task-nightly", SyncRunStatus.Failed, "scheduler"));
        await FinishAsync(host, Run("task-still-running", SyncRunStatus.Running, "u-viewer"));

        var note = (await SyncNotificationsAsync(host, TestApiKeys.Admin)).Should().ContainSingle().Subject;
        note.GetProperty("severity").GetString().Should().Be("error");
        note.GetProperty("title").GetString().Should().StartWith("Sync failed", "u-admin reads English");
        note.GetProperty("content").GetString().Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}", "one language per notification");
        note.GetProperty("metadata").GetProperty("language").GetString().Should().Be("en");
        (await SyncNotificationsAsync(host, TestApiKeys.Viewer)).Should().BeEmpty("a run that has not finished notifies nobody");
    }
}
