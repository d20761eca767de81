using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The <c>sync_held</c> rule: a stock-basics run the guard held back fires a high alert naming the guard rule
/// and its numbers (the run's message) with the held task id; the next successful run of the same job (an approval
/// included) clears it, and so does discarding the held run when no other run is still held.</summary>
internal sealed class SyncHeldAlertListener(IAlertRaiser alerts) : ISyncRunListener, IHeldRunListener
{
    public async Task OnHeldRunDiscardedAsync(HeldRunDiscarded discarded, CancellationToken cancellationToken)
    {
        if (!discarded.OthersStillHeld)
        {
            await alerts.ClearAsync(AlertRules.SyncHeld, new Dictionary<string, string> { ["job"] = discarded.Job }, cancellationToken);
        }
    }

    public async Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { ["job"] = run.Job };
        switch (run.Status)
        {
            case SyncRunStatus.Held:
                await alerts.FireAsync(new AlertSignal(
                    AlertRules.SyncHeld,
                    AlertLevel.High,
                    $"同步已拦截 / Sync held: {run.Job} ({run.Changes?.HeldBy ?? "guard"})",
                    $"任务 / task {run.TaskId}: {run.Message ?? "held by the guard"}",
                    labels), cancellationToken);
                break;
            case SyncRunStatus.Success or SyncRunStatus.SuccessWithErrors:
                await alerts.ClearAsync(AlertRules.SyncHeld, labels, cancellationToken);
                break;
        }
    }
}
