using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The <c>sync_held</c> rule: a stock-basics run the guard held back fires a high alert naming the guard rule
/// and its numbers (the run's message) with the held task id; the next successful run of the same job (an approval
/// included) clears it.</summary>
internal sealed class SyncHeldAlertListener(IAlertRaiser alerts, IOptions<AlertsOptions> options) : ISyncRunListener
{
    public async Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { ["job"] = run.Job };
        switch (run.Status)
        {
            case SyncRunStatus.Held:
                await alerts.FireAsync(AlertSignal.Localized(
                    AlertRules.SyncHeld,
                    AlertLevel.High,
                    LocalizedText.Of("Alert.SyncHeld.Title", run.Job, run.Changes?.HeldBy ?? "guard"),
                    LocalizedText.Of("Alert.SyncHeld.Message", run.TaskId, run.In(options.Value.Culture).Message ?? "-"),
                    labels), cancellationToken);
                break;
            case SyncRunStatus.Success or SyncRunStatus.SuccessWithErrors:
                await alerts.ClearAsync(AlertRules.SyncHeld, labels, cancellationToken);
                break;
        }
    }
}
