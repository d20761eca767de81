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

    /// <summary>Ends a run: listeners invalidate, the end shows in memory, the final record is written (retrying
    /// transient errors; only while the record is still running under the run's token, else the verdict already
    /// recorded is kept and shown), the heartbeat stops, the lease is released (with the record where the store does
    /// both atomically), progress ends, and metrics, live clients and listeners are told. No step's failure skips
    /// the later ones. Returns the run's end as recorded (or, when the record could not be written, as it ended, with
    /// <c>Recorded</c> false).</summary>
    /// <param name="showEnd">Makes the end visible in memory (the status endpoints).</param>
    /// <param name="stopHeartbeat">Stops renewing the lease; called once the record is written, before the release.</param>
    public async Task<(SyncStats Final, bool Recorded)> FinishAsync(
        SyncStats final, HeldLease lease, ITaskProgress progress, Action<SyncStats> showEnd, Func<Task> stopHeartbeat)
    {
        await TellListenersAsync(final, SyncRunListenerStage.Invalidate);
        showEnd(final);
        (final, var recorded) = await RecordAsync(final, lease, showEnd);
        await stopHeartbeat();
        try
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, final.TaskId); // it expires by itself
        }

        try
        {
            await (final.Status switch
            {
                SyncRunStatus.Failed => progress.MarkFailedAsync(final.Message ?? "failed", final.MessageParts),
                SyncRunStatus.Cancelled => progress.MarkCancelledAsync(final.Message, final.MessageParts),
                _ => progress.MarkCompletedAsync(final.Message, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(final.Status.ToString()), final.MessageParts),
            });
        }
        catch (Exception ex)
        {
            LogListenerFailed(logger, ex, nameof(IProgressTracker), final.TaskId);
        }

        LogFinished(logger, final.TaskId, final.Status, final.Inserted, final.Updated, final.Errors);
        metrics.RunEnded(final);
        await PublishAsync(final);
        await TellListenersAsync(final, SyncRunListenerStage.Announce);
        return (final, recorded);
    }

    private async Task<(SyncStats Final, bool Recorded)> RecordAsync(SyncStats final, HeldLease lease, Action<SyncStats> showEnd)
    {
        try
        {
            if (await _retry.ExecuteAsync(async ct => await runs.FinishAsync(final, lease, ct), CancellationToken.None))
            {
                return (final, true);
            }

            var stored = await runs.GetAsync(final.TaskId, CancellationToken.None);
            if (stored is { IsFinished: true } && (stored.Status != final.Status || stored.Message != final.Message))
            {
                // Crash recovery decided first (the lease had expired): its verdict stays, here too.
                LogVerdictKept(logger, final.TaskId, final.Status, stored.Status, stored.Message);
                showEnd(stored);
                return (stored, true);
            }

            if (stored is not { IsFinished: true })
            {
                LogFinishRefused(logger, final.TaskId, final.FencingToken);
            }

            return (final, stored is { IsFinished: true });
        }
        catch (Exception ex)
        {
            // The record stays "running"; the lease is released below (or expires), and the next acquisition or the
            // orphan sweep marks the record failed.
            LogRecordFailed(logger, ex, final.TaskId);
            return (final, false);
        }
    }

    /// <summary>Crash recovery by a new lease holder: runs left running under older tokens become failed. The caller
    /// announces them with <see cref="AnnounceOrphansAsync"/> (after releasing a lease it took only to recover).</summary>
    /// <param name="fencedAt">When the new holder took the lease: the orphans' end (their owner could not write after
    /// it), so an orphan's interval never overlaps the run that follows it.</param>
    public async Task<IReadOnlyList<SyncStats>> RecoverOrphansAsync(long fencingToken, DateTimeOffset fencedAt, CancellationToken cancellationToken)
    {
        var orphans = await runs.FailOrphanedAsync(fencingToken, SyncMessages.Interrupted, fencedAt, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {TaskId} ended {Status}, but crash recovery had already recorded it {RecordedStatus} ({RecordedMessage}) after its lease expired; that verdict stays")]
    private static partial void LogVerdictKept(ILogger logger, string taskId, SyncRunStatus status, SyncRunStatus recordedStatus, string? recordedMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of sync {TaskId} was not written: fencing token {FencingToken} no longer holds the sync lock; the new holder records the run as interrupted")]
    private static partial void LogFinishRefused(ILogger logger, string taskId, long? fencingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the lease of sync {TaskId} failed; it will expire")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener} failed for sync {TaskId}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string taskId);
}
