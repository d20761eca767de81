using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Notifications;

/// <summary>Tells people a sync run finished: the user who started it (not the scheduler) and every user in
/// <c>Notifications:SyncRecipients</c>, each once.</summary>
internal sealed class SyncRunNotifier(INotificationPublisher notifications, IOptions<NotificationsOptions> options) : ISyncRunListener
{
    public const string Source = "sync";

    private static readonly HashSet<string> NonUsers = new(StringComparer.OrdinalIgnoreCase) { "scheduler", "system" };

    public async Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken)
    {
        if (!run.IsFinished)
        {
            return;
        }

        foreach (var userId in Recipients(run, options.Value.SyncRecipients))
        {
            await notifications.CreateAndPublishAsync(Describe(run, userId), cancellationToken);
        }
    }

    internal static IReadOnlyList<string> Recipients(SyncStats run, IEnumerable<string> configured)
    {
        var starter = string.IsNullOrWhiteSpace(run.TriggeredBy) || NonUsers.Contains(run.TriggeredBy) ? [] : new[] { run.TriggeredBy };
        return starter.Concat(configured.Where(u => !string.IsNullOrWhiteSpace(u))).Distinct(StringComparer.Ordinal).ToList();
    }

    internal static NotificationRequest Describe(SyncStats run, string userId)
    {
        var (title, severity) = run.Status switch
        {
            SyncRunStatus.Success => ("同步完成 / Sync succeeded", NotificationSeverities.Success),
            SyncRunStatus.SuccessWithErrors => ("同步部分完成 / Sync finished with errors", NotificationSeverities.Warning),
            SyncRunStatus.Failed => ("同步失败 / Sync failed", NotificationSeverities.Error),
            SyncRunStatus.Cancelled => ("同步已取消 / Sync cancelled", NotificationSeverities.Info),
            SyncRunStatus.Held => ("同步已拦截，待批准 / Sync held for approval", NotificationSeverities.Warning),
            _ => ("同步结束 / Sync ended", NotificationSeverities.Info),
        };
        var taskType = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(run.TaskType.ToString());
        var status = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(run.Status.ToString());
        var content = $"任务 / task {run.TaskId} ({taskType}): 总数 / total {run.Total}, 新增 / inserted {run.Inserted}, "
            + $"更新 / updated {run.Updated}, 错误 / errors {run.Errors}."
            + (run.Changes is null ? string.Empty : $" 变更 / changes: {Sync.Changes.ChangeSummaryText.Describe(run.Changes)}.")
            + (string.IsNullOrWhiteSpace(run.Message) ? string.Empty : $" {run.Message}")
            + (run.Synthetic ? " [演示数据 / synthetic data]" : string.Empty);
        return new NotificationRequest(
            userId,
            NotificationType.Sync,
            $"{title}: {run.Job}",
            content,
            severity,
            $"/api/sync/tasks/{Uri.EscapeDataString(run.TaskId)}/progress",
            Source,
            new Dictionary<string, string>
            {
                ["task_id"] = run.TaskId,
                ["task_type"] = taskType,
                ["job"] = run.Job,
                ["status"] = status,
            });
    }
}
