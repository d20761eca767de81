using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The <c>sync_failed</c> rule: a run that ends failed fires a high alert labelled with its job and
/// task type; the next successful run of the same job (any task type, partial success included) clears it.
/// Cancelled runs change nothing.</summary>
internal sealed class SyncFailedAlertListener(IAlertRaiser alerts, IOptions<AlertsOptions> options) : ISyncRunListener
{
    public async Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken)
    {
        switch (run.Status)
        {
            case SyncRunStatus.Failed:
                await alerts.FireAsync(AlertSignal.Localized(
                    AlertRules.SyncFailed,
                    AlertLevel.High,
                    LocalizedText.Of("Alert.SyncFailed.Title", run.Job),
                    LocalizedText.Of("Alert.SyncFailed.Message", run.TaskId, TaskTypeName(run.TaskType), run.In(options.Value.Culture).Message ?? "-"),
                    Labels(run.Job, run.TaskType)), cancellationToken);
                break;
            case SyncRunStatus.Success or SyncRunStatus.SuccessWithErrors:
                foreach (var taskType in Enum.GetValues<SyncTaskType>())
                {
                    await alerts.ClearAsync(AlertRules.SyncFailed, Labels(run.Job, taskType), cancellationToken);
                }

                break;
        }
    }

    internal static IReadOnlyDictionary<string, string> Labels(string job, SyncTaskType taskType)
        => new Dictionary<string, string> { ["job"] = job, ["task_type"] = TaskTypeName(taskType) };

    private static string TaskTypeName(SyncTaskType taskType)
        => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(taskType.ToString());
}
