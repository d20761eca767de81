using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>A sync notification carries the run's change summary in its recipient's language, English included.</summary>
public sealed class ChangeSummaryLanguageTests
{
    [Fact]
    public async Task An_english_sync_notification_has_its_own_change_summary()
    {
        using var host = new SyncMonitorFactory()
            .With("Notifications:SyncRecipients:0", "u-admin")
            .With("Notifications:SyncRecipients:1", "u-viewer")
            .With("Notifications:Languages:u-admin", "en");
        var run = new SyncStats
        {
            Job = "stock_basics", TaskId = "task-changes", TaskType = SyncTaskType.StockBasics, DataType = "stock_basic_info",
            Status = SyncRunStatus.Success, Total = 10, Inserted = 3, Updated = 7, TriggeredBy = "scheduler",
            Changes = new ChangeSummary { Listed = 3, Missing = 1, Renamed = 5, StarStAdded = 2 },
        };
        foreach (var listener in host.Services.GetServices<ISyncRunListener>())
        {
            await listener.OnRunFinishedAsync(run, CancellationToken.None);
        }

        var english = await ContentAsync(host, TestApiKeys.Admin);
        var chinese = await ContentAsync(host, TestApiKeys.Viewer);

        english.Should().Contain("Changes: 3 listed, 1 possibly delisted, 5 renamed (2 new *ST).").And.NotMatchRegex(Cjk);
        chinese.Should().Contain("变更：新上市 3，疑似退市 1，更名 5（新增 *ST 2）。");
    }

    private static async Task<string> ContentAsync(SyncMonitorFactory host, string key)
        => (await host.CreateClient(key).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List + "?type=sync"))
            .GetProperty("items").EnumerateArray().Should().ContainSingle().Subject.GetProperty("content").GetString()!;
}
