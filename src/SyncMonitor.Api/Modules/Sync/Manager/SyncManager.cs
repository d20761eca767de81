using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Metrics.Tracing;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The one way any sync runs (SPEC §3.1): REST, scheduler and compensation all call <see cref="StartAsync"/>,
/// which takes the global lease in the store or reports who holds it. A started run executes in the background
/// under a heartbeat; it ends with its record written, its lease released and the listeners told.</summary>
public sealed partial class SyncManager(
    ISyncLeaseStore leases,
    ISyncRunStore runs,
    IProgressTracker progressTracker,
    RunFinisher finisher,
    LatestRunCache latestRuns,
    Selection.SourceSelector sources,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider time,
    SyncMetrics metrics,
    ILogger<SyncManager> logger)
{
    private readonly ConcurrentDictionary<string, ActiveRun> _active = new(StringComparer.Ordinal);

    public async Task<SyncStart> StartAsync(SyncTaskType taskType, string triggeredBy, ISyncWork work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var task = new CurrentTask
        {
            TaskId = NewTaskId(taskType, now),
            TaskType = taskType,
            StartTime = now,
            StartDate = work.StartDate,
            EndDate = work.EndDate,
            Owner = instance.Owner,
            TriggeredBy = triggeredBy,
        };
        var started = Stopwatch.GetTimestamp();
        var claim = new LeaseClaim(Guid.NewGuid().ToString("N"), task);
        var acquisition = await leases.TryAcquireAsync(claim, now, options.CurrentValue.Lease, cancellationToken);
        if (!acquisition.Acquired && await WaitForEndingHolderAsync(acquisition.Holder, cancellationToken))
        {
            acquisition = await leases.TryAcquireAsync(claim, time.GetUtcNow(), options.CurrentValue.Lease, cancellationToken);
        }

        metrics.LockAttempt(Stopwatch.GetElapsedTime(started), acquisition.Acquired);
        if (acquisition.Lease is not { } lease)
        {
            metrics.LockBusy(taskType, scheduled: taskType is SyncTaskType.SchedulerDaily or SyncTaskType.SchedulerMissing);
            return SyncStart.Busy(await WithProgressAsync(acquisition.Holder?.Task, cancellationToken));
        }

        await finisher.AnnounceOrphansAsync(await finisher.RecoverOrphansAsync(lease.FencingToken, cancellationToken), cancellationToken);
        var run = new SyncStats
        {
            Job = work.Job,
            TaskId = task.TaskId,
            TaskType = taskType,
            DataType = work.DataType,
            Status = SyncRunStatus.Running,
            StartedAt = now,
            StartDate = work.StartDate,
            EndDate = work.EndDate,
            TriggeredBy = triggeredBy,
            FencingToken = lease.FencingToken,
            Owner = instance.Owner,
            Message = SyncMessages.Started,
            // Without an enabled real source only the demo pair can serve: the run is synthetic from its start.
            Synthetic = !sources.AnyRealSourceEnabled,
        };
        try
        {
            await runs.InsertAsync(run, cancellationToken);
        }
        catch
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
            throw;
        }

        var active = new ActiveRun(run, lease, new RunRecorder());
        _active[run.TaskId] = active;
        latestRuns.Clear();
        var progress = await progressTracker.StartAsync(run.TaskId, Snake(taskType), work.Steps, CancellationToken.None);
        await finisher.PublishAsync(run);
        LogStarted(logger, run.TaskId, run.Job, triggeredBy, lease.FencingToken);
        _ = Task.Run(() => ExecuteAsync(active, work, progress), CancellationToken.None);
        return new SyncStart(run, active.Completion, null);
    }

    /// <summary>Stops a run cooperatively: here directly, on another instance through the lease it holds.</summary>
    public async Task<CancelOutcome> CancelAsync(string taskId, string requestedBy, CancellationToken cancellationToken)
    {
        if (_active.TryGetValue(taskId, out var local) && local.Final is null)
        {
            local.RequestStop(StopReason.Cancelled, $"cancelled by {requestedBy}");
            return CancelOutcome.Requested;
        }

        if (local is null && await leases.RequestCancelAsync(taskId, time.GetUtcNow(), cancellationToken))
        {
            return CancelOutcome.Requested;
        }

        return await runs.GetAsync(taskId, cancellationToken) is null ? CancelOutcome.NotFound : CancelOutcome.NotRunning;
    }

    /// <summary><c>current_task</c>: the task holding a live lease (on any instance), or null.</summary>
    public async Task<CurrentTask?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var state = await leases.GetAsync(cancellationToken);
        return state is not null && state.IsHeldAt(time.GetUtcNow()) ? await WithProgressAsync(state.Task, cancellationToken) : null;
    }

    /// <summary>The newest run of a job: live from memory while it runs here, else the latest stored record (held in
    /// memory briefly, see <see cref="LatestRunCache"/>).</summary>
    public async Task<SyncStats?> GetLatestAsync(string? job, CancellationToken cancellationToken)
    {
        var running = _active.Values.Where(a => job is null || a.Run.Job == job).OrderByDescending(a => a.Run.StartedAt).FirstOrDefault();
        return running is not null ? running.Live : await latestRuns.GetAsync(job, cancellationToken);
    }

    /// <summary>Graceful shutdown: every local run is cancelled and its end written before the host stops.</summary>
    internal async Task StopAllAsync(CancellationToken cancellationToken)
    {
        var stopping = _active.Values.ToList();
        foreach (var active in stopping)
        {
            active.RequestStop(StopReason.ShuttingDown, SyncMessages.Stopping);
        }

        await Task.WhenAll(stopping.Select(a => a.Completion)).WaitAsync(cancellationToken);
    }

    private async Task ExecuteAsync(ActiveRun active, ISyncWork work, ITaskProgress progress)
    {
        // A child of the request that started the run (the activity flows into Task.Run), so one trace shows both.
        using var span = SyncMonitorTracing.Start("sync.run " + active.Run.Job, active.Run.TaskId, ("syncmonitor.task_type", Snake(active.Run.TaskType)));
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = new LeaseHeartbeat(leases, options.CurrentValue, time, logger).RunAsync(active, heartbeatStop.Token);
        SyncStats final;
        try
        {
            await work.ExecuteAsync(new RunContext(active.Run.TaskId, active.Lease.FencingToken, progress, active.Token, active.Recorder));
            final = RunOutcome.Succeeded(active);
        }
        catch (Exception ex)
        {
            // Every way a run can end is recorded; the run never leaves its record running.
            final = RunOutcome.Ended(ex, active);
            if (final.Status == SyncRunStatus.Failed)
            {
                SyncMonitorTracing.Failed(span, final.Message ?? "failed");
                LogRunFailed(logger, ex, active.Run.TaskId);
            }
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        final = final with { FinishedAt = time.GetUtcNow() };
        span?.SetTag("syncmonitor.status", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(final.Status.ToString()));
        await finisher.FinishAsync(final, active.Lease, progress, () => active.End(final));
        latestRuns.Clear(); // the record is final now: readers that no longer find the run active read it afresh
        _active.TryRemove(active.Run.TaskId, out _);
        latestRuns.Clear();
        active.Complete(final);
        active.Dispose();
    }

    /// <summary>A run of this process that has ended but is still writing its end holds the lease a few more
    /// milliseconds; a caller who saw it end should not get 409 for that. Waits (bounded) until it let go.</summary>
    private async Task<bool> WaitForEndingHolderAsync(LeaseState? holder, CancellationToken cancellationToken)
    {
        if (holder?.Task?.TaskId is not { } taskId || !_active.TryGetValue(taskId, out var ending) || ending.Final is null)
        {
            return false;
        }

        try
        {
            await ending.Completion.WaitAsync(TimeSpan.FromSeconds(5), time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<CurrentTask?> WithProgressAsync(CurrentTask? task, CancellationToken cancellationToken)
        => task is null ? null : task with { Progress = (await progressTracker.GetAsync(task.TaskId, cancellationToken))?.Progress ?? 0 };

    private static string NewTaskId(SyncTaskType taskType, DateTimeOffset now)
        => $"{Snake(taskType)}-{now.UtcDateTime:yyyyMMdd'T'HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    internal static string Snake(SyncTaskType taskType) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(taskType.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {TaskId} ({Job}) started by {TriggeredBy} with fencing token {FencingToken}")]
    private static partial void LogStarted(ILogger logger, string taskId, string job, string triggeredBy, long fencingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {TaskId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string taskId);
}
