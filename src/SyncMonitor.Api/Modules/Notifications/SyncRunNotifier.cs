using System.Globalization;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Localization;
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
            var language = LocalizationModule.Resolve(options.Value.Languages.GetValueOrDefault(userId));
            await notifications.CreateAndPublishAsync(Describe(run, userId, language), cancellationToken);
        }
    }

    internal static IReadOnlyList<string> Recipients(SyncStats run, IEnumerable<string> configured)
    {
        var starter = string.IsNullOrWhiteSpace(run.TriggeredBy) || NonUsers.Contains(run.TriggeredBy) ? [] : new[] { run.TriggeredBy };
        return starter.Concat(configured.Where(u => !string.IsNullOrWhiteSpace(u))).Distinct(StringComparer.Ordinal).ToList();
    }

    internal static NotificationRequest Describe(SyncStats run, string userId, CultureInfo? language = null)
    {
        var culture = language ?? LocalizationModule.DefaultCulture;
        var (titleKey, severity) = run.Status switch
        {
            SyncRunStatus.Success => ("Notify.Sync.Success", NotificationSeverities.Success),
            SyncRunStatus.SuccessWithErrors => ("Notify.Sync.SuccessWithErrors", NotificationSeverities.Warning),
            SyncRunStatus.Failed => ("Notify.Sync.Failed", NotificationSeverities.Error),
            SyncRunStatus.Cancelled => ("Notify.Sync.Cancelled", NotificationSeverities.Info),
            SyncRunStatus.Held => ("Notify.Sync.Held", NotificationSeverities.Warning),
            _ => ("Notify.Sync.Ended", NotificationSeverities.Info),
        };
        var taskType = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(run.TaskType.ToString());
        var status = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(run.Status.ToString());
        // Codes (task id, task type, job) stay as they are; the words around them are in the recipient's language.
        // The run's own message is not repeated: it is the run record's, in whatever words its writer used.
        var content = Texts.In(culture, "Notify.Sync.Content", run.TaskId, taskType, run.Total, run.Inserted, run.Updated, run.Errors)
            + ChangesText(run, culture)
            + (run.Synthetic ? " " + Texts.In(culture, "Notify.Sync.Synthetic") : string.Empty);
        return new NotificationRequest(
            userId,
            NotificationType.Sync,
            $"{Texts.In(culture, titleKey)}: {run.Job}",
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
                ["language"] = culture.Name,
            });
    }

    /// <summary>The change summary in the recipient's language (<see cref="Sync.Changes.ChangeSummaryText"/>).</summary>
    private static string ChangesText(SyncStats run, CultureInfo culture)
        => run.Changes is null ? string.Empty
            : " " + Texts.In(culture, "Notify.Sync.Changes", Sync.Changes.ChangeSummaryText.Describe(run.Changes, culture));
}
