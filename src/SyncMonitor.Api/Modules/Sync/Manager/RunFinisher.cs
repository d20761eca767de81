using Polly;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>Everything that happens when a run ends — normally, or found orphaned after a crash. Invalidating listeners
/// go first (caches drop what the run changed before anyone can see the run as ended); then the end becomes visible:
/// the record is written (retrying transient store errors), progress gets its final state, the lease is released;
/// then metrics, live clients and announcing listeners (notifications, alerts) are told. A listener or publisher that
/// fails is logged and never blocks the rest.</summary>
public sealed partial class RunFinisher(
    ISyncRunStore runs,
    ISyncLeaseStore leases,
    IEnumerable<ISyncRunListener> listeners,
    IRealtimePublisher realtime,
    IProgressTracker progressTracker,
    SyncMetrics metrics,
    TimeProvider time,
    ILogger<RunFinisher> logger)
{
    private readonly ResiliencePipeline _retry = TransientStoreErrors.BuildRetryPipeline(3, time);

    /// <param name="showEnd">Makes the end visible in memory (the status endpoints), after the listeners ran.</param>
    public async Task FinishAsync(SyncStats final, HeldLease lease, ITaskProgress progress, Action showEnd)
    {
        await TellListenersAsync(final, SyncRunListenerStage.Invalidate);
        showEnd();
        try
        {
            await _retry.ExecuteAsync(async ct => await runs.UpdateAsync(final, ct), CancellationToken.None);
        }
        catch (Exception ex) when (TransientStoreErrors.IsTransient(ex))
        {
            // The record stays "running" until the orphan sweep marks it: the lease below still expires.
            LogRecordFailed(logger, ex, final.TaskId);
        }

        await (final.Status switch
        {
            SyncRunStatus.Failed => progress.MarkFailedAsync(final.Message ?? "failed"),
            SyncRunStatus.Cancelled => progress.MarkCancelledAsync(final.Message),
            _ => progress.MarkCompletedAsync(final.Message, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(final.Status.ToString())),
        });
        try
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception ex) when (TransientStoreErrors.IsTransient(ex))
        {
            LogReleaseFailed(logger, ex, final.TaskId); // it expires by itself
        }

        LogFinished(logger, final.TaskId, final.Status, final.Inserted, final.Updated, final.Errors);
        metrics.RunEnded(final);
        await PublishAsync(final);
        await TellListenersAsync(final, SyncRunListenerStage.Announce);
    }

    /// <summary>Crash recovery by a new lease holder: runs left running under older tokens become failed. The caller
    /// announces them with <see cref="AnnounceOrphansAsync"/> (after releasing a lease it took only to recover).</summary>
    public async Task<IReadOnlyList<SyncStats>> RecoverOrphansAsync(long fencingToken, CancellationToken cancellationToken)
    {
        var orphans = await runs.FailOrphanedAsync(fencingToken, SyncMessages.Interrupted, time.GetUtcNow(), cancellationToken);
        foreach (var orphan in orphans)
        {
            LogOrphan(logger, orphan.TaskId, orphan.Owner);
        }

        return orphans;
    }

    /// <summary>Ends the orphans' progress and tells metrics, live clients and listeners.</summary>
    public async Task AnnounceOrphansAsync(IReadOnlyList<SyncStats> orphans, CancellationToken cancellationToken)
    {
        foreach (var orphan in orphans)
        {
            await TellListenersAsync(orphan, SyncRunListenerStage.Invalidate);
            await progressTracker.MarkInterruptedAsync(orphan.TaskId, SyncMessages.Interrupted, cancellationToken);
            metrics.RunEnded(orphan);
            await PublishAsync(orphan);
            await TellListenersAsync(orphan, SyncRunListenerStage.Announce);
        }
    }

    public async Task PublishAsync(SyncStats run)
    {
        try
        {
            await realtime.PublishSyncStatusAsync(run, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogListenerFailed(logger, ex, nameof(IRealtimePublisher), run.TaskId);
        }
    }

    private async Task TellListenersAsync(SyncStats final, SyncRunListenerStage stage)
    {
        foreach (var listener in listeners.Where(l => l.Stage == stage))
        {
            try
            {
                await listener.OnRunFinishedAsync(final, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // A listener's failure (alerts, notifications, caches) must not change the run's outcome.
                LogListenerFailed(logger, ex, listener.GetType().Name, final.TaskId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {TaskId} ended {Status}: {Inserted} inserted, {Updated} updated, {Errors} errors")]
    private static partial void LogFinished(ILogger logger, string taskId, SyncRunStatus status, long inserted, long updated, long errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {TaskId} of {Owner} was left running by a dead owner; marked failed")]
    private static partial void LogOrphan(ILogger logger, string taskId, string? owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the end of sync {TaskId} failed")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the lease of sync {TaskId} failed; it will expire")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener} failed for sync {TaskId}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string taskId);
}
