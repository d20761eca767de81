using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>Keeps a running sync's lease alive: renews it every <c>Sync:HeartbeatSeconds</c>, passes on a cancel
/// requested through the lease (from another instance), and stops the run when the lease is lost — either taken
/// by another owner, or not renewable for a whole lease period (store unreachable). No timer ever stops a healthy
/// run: as long as renewals succeed it may take as long as it needs.</summary>
internal sealed partial class LeaseHeartbeat(ISyncLeaseStore leases, SyncOptions options, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(ActiveRun active, CancellationToken stop)
    {
        var lastRenewed = time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Heartbeat, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = time.GetUtcNow();
            try
            {
                if (!await leases.RenewAsync(active.Lease, now, options.Lease, stop))
                {
                    if (active.Final is not null)
                    {
                        return; // the run has ended and its lease was released with its record
                    }

                    LogLost(logger, active.Run.TaskId);
                    active.RequestStop(StopReason.LeaseLost, RunMessages.LeaseLost);
                    return;
                }

                lastRenewed = now;
                var state = await leases.GetAsync(stop);
                if (state is { CancelRequested: true } && state.Task?.TaskId == active.Run.TaskId)
                {
                    active.RequestStop(StopReason.Cancelled, RunMessages.CancelledThroughLock);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Store trouble: keep the run going until the lease could have expired, then stop it.
                LogRenewFailed(logger, ex, active.Run.TaskId);
                if (now - lastRenewed >= options.Lease)
                {
                    active.RequestStop(StopReason.LeaseLost, RunMessages.LeaseLost);
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {TaskId} lost its lease; stopping it")]
    private static partial void LogLost(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of sync {TaskId} failed; retrying at the next heartbeat")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string taskId);
}
