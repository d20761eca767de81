using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.UnitTests.Notifications;

public sealed class SyncRunNotifierTests
{
    private static SyncStats Run(SyncRunStatus status, string? triggeredBy, bool synthetic = false) => new()
    {
        Job = "stock_basics", TaskId = "t-1", TaskType = SyncTaskType.WebBatch, DataType = "stock_daily_basic", Status = status,
        Total = 100, Inserted = 3, Updated = 90, Errors = 7, TriggeredBy = triggeredBy, Message = "7 rows rejected", Synthetic = synthetic,
    };

    [Theory]
    [InlineData("u-operator", new[] { "u-admin" }, new[] { "u-operator", "u-admin" })]
    [InlineData("u-admin", new[] { "u-admin", " ", "u-x" }, new[] { "u-admin", "u-x" })]
    [InlineData("scheduler", new[] { "u-admin" }, new[] { "u-admin" })]
    [InlineData(null, new string[0], new string[0])]
    public void Recipients_are_the_starting_user_and_the_configured_ones_each_once(string? triggeredBy, string[] configured, string[] expected)
        => SyncRunNotifier.Recipients(Run(SyncRunStatus.Success, triggeredBy), configured).Should().Equal(expected);

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData(SyncRunStatus.Success, "success", "Sync succeeded")]
    [InlineData(SyncRunStatus.SuccessWithErrors, "warning", "Sync finished with errors")]
    [InlineData(SyncRunStatus.Failed, "error", "Sync failed")]
    [InlineData(SyncRunStatus.Cancelled, "info", "Sync cancelled")]
    public void The_severity_and_title_follow_the_status(SyncRunStatus status, string severity, string title)
    {
        var request = SyncRunNotifier.Describe(Run(status, "u-operator"), "u-operator", English);

        request.Severity.Should().Be(severity);
        request.Title.Should().Contain(title).And.EndWith(": stock_basics");
        request.Type.Should().Be(NotificationType.Sync);
    }

    [Fact]
    public void The_content_names_the_task_and_its_numbers_in_one_language_and_links_to_its_progress()
    {
        var request = SyncRunNotifier.Describe(Run(SyncRunStatus.SuccessWithErrors, "u-operator", synthetic: true), "u-operator");
        var english = SyncRunNotifier.Describe(Run(SyncRunStatus.SuccessWithErrors, "u-operator", synthetic: true), "u-operator", English);

        request.Content.Should().Be("任务 t-1（web_batch）：总数 100，新增 3，更新 90，错误 7。 [演示数据]");
        request.Title.Should().Be("同步部分完成（有错误）: stock_basics");
        request.Metadata.Should().Contain("language", "zh-CN");
        english.Content.Should().Be("Task t-1 (web_batch): total 100, inserted 3, updated 90, errors 7. [synthetic data]");
        english.Metadata.Should().Contain("language", "en");
        request.Link.Should().Be("/api/sync/tasks/t-1/progress");
        request.Metadata.Should().Contain("task_type", "web_batch").And.Contain("status", "success_with_errors");
    }
}
