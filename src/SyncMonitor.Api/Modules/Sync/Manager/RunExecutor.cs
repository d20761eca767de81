using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Metrics.Tracing;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>Executes a started run in the background under its heartbeat and guarantees its end: whatever the work or
/// the store throws — also while the end is written — the run ends in memory (the status shows it ended), leaves the
/// active runs, and its waiters (the scheduled job, shutdown) get the final record. The lease is released with the
/// final record, or, when the store refuses even that, left to expire; the record then becomes terminal at the next
/// acquisition or orphan sweep.</summary>
public sealed partial class RunExecutor(
    ISyncLeaseStore leases,
    RunFinisher finisher,
    ActiveRuns active,
    LatestRunCache latestRuns,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider time,
    ILogger<RunExecutor> logger)
{
    internal async Task ExecuteAsync(ActiveRun run, ISyncWork work, ITaskProgress progress)
    {
        // A child of the request that started the run (the activity flows into Task.Run), so one trace shows both.
        using var span = SyncMonitorTracing.Start("sync.run " + run.Run.Job, run.Run.TaskId, ("syncmonitor.task_type", SyncManager.Snake(run.Run.TaskType)));
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = new LeaseHeartbeat(leases, options.CurrentValue, time, logger).RunAsync(run, heartbeatStop.Token);
        async Task StopHeartbeatAsync()
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        var final = run.Run.WithMessage(RunMessages.EndFailed) with { Status = SyncRunStatus.Failed };
        try
        {
            final = await RunWorkAsync(run, work, progress, span) with { FinishedAt = time.GetUtcNow() };
            span?.SetTag("syncmonitor.status", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(final.Status.ToString()));
            (final, var recorded) = await finisher.FinishAsync(final, run.Lease, progress, run.End, StopHeartbeatAsync);
            if (!recorded)
            {
                active.EndedUnrecorded(final);
            }
        }
        catch (Exception ex)
        {
            LogEndFailed(logger, ex, run.Run.TaskId);
            run.End(final with { FinishedAt = final.FinishedAt ?? time.GetUtcNow() });
            final = run.Final!;
            active.EndedUnrecorded(final);
        }
        finally
        {
            await StopHeartbeatAsync();
            active.Remove(run);
            latestRuns.Clear(); // the record is final now: readers that no longer find the run active read it afresh
            run.Complete(final);
            run.Dispose();
        }
    }

    private async Task<SyncStats> RunWorkAsync(ActiveRun run, ISyncWork work, ITaskProgress progress, System.Diagnostics.Activity? span)
    {
        try
        {
            await work.ExecuteAsync(new RunContext(run.Run.TaskId, run.Lease.FencingToken, progress, run.Token, run.Recorder));
            return RunOutcome.Succeeded(run);
        }
        catch (Exception ex)
        {
            // Every way a run can end is recorded; the run never leaves its record running.
            var final = RunOutcome.Ended(ex, run);
            if (final.Status == SyncRunStatus.Failed)
            {
                SyncMonitorTracing.Failed(span, final.Message ?? "failed");
                LogRunFailed(logger, ex, run.Run.TaskId);
            }

            return final;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {TaskId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending sync {TaskId} failed; it ends in memory, its lease is released or expires, and the next acquisition or orphan sweep ends its record")]
    private static partial void LogEndFailed(ILogger logger, Exception exception, string taskId);
}
