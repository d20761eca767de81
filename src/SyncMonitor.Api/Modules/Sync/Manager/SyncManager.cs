using System.Diagnostics;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The one way any sync runs (SPEC §3.1): REST, scheduler and compensation all call <see cref="StartAsync"/>,
/// which takes the global lease in the store or reports who holds it. The run's start is the moment the store granted
/// the lease. A started run executes in the background (<see cref="RunExecutor"/>) under a heartbeat; it ends with its
/// record written, its lease released and the listeners told.</summary>
public sealed partial class SyncManager(
    ISyncLeaseStore leases,
    ISyncRunStore runs,
    IProgressTracker progressTracker,
    RunFinisher finisher,
    RunExecutor executor,
    ActiveRuns active,
    SyncCancelBus cancelBus,
    LatestRunCache latestRuns,
    Selection.SourceSelector sources,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider time,
    SyncMetrics metrics,
    ILogger<SyncManager> logger)
{
    public async Task<SyncStart> StartAsync(SyncTaskType taskType, string triggeredBy, ISyncWork work, CancellationToken cancellationToken)
    {
        var requested = time.GetUtcNow();
        var task = new CurrentTask
        {
            TaskId = NewTaskId(taskType, requested),
            TaskType = taskType,
            StartTime = requested,
            StartDate = work.StartDate,
            EndDate = work.EndDate,
            Owner = instance.Owner,
            TriggeredBy = triggeredBy,
        };
        var started = Stopwatch.GetTimestamp();
        var claim = new LeaseClaim(Guid.NewGuid().ToString("N"), task);
        var acquisition = await leases.TryAcquireAsync(claim, options.CurrentValue.Lease, cancellationToken);
        if (!acquisition.Acquired && await WaitForEndingHolderAsync(acquisition.Holder, cancellationToken))
        {
            acquisition = await leases.TryAcquireAsync(claim, options.CurrentValue.Lease, cancellationToken);
        }

        metrics.LockAttempt(Stopwatch.GetElapsedTime(started), acquisition.Acquired);
        if (acquisition.Lease is not { } lease)
        {
            metrics.LockBusy(taskType, scheduled: taskType is SyncTaskType.SchedulerDaily or SyncTaskType.SchedulerMissing);
            return SyncStart.Busy(await WithProgressAsync(acquisition.Holder?.Task, cancellationToken));
        }

        var run = new SyncStats
        {
            Job = work.Job,
            TaskId = task.TaskId,
            TaskType = taskType,
            DataType = work.DataType,
            Status = SyncRunStatus.Running,
            StartedAt = lease.AcquiredAt,
            StartDate = work.StartDate,
            EndDate = work.EndDate,
            TriggeredBy = triggeredBy,
            FencingToken = lease.FencingToken,
            Owner = instance.Owner,
            Message = RunMessages.Render([RunMessages.Started], Common.Localization.LocalizationModule.DefaultCulture),
            MessageParts = [RunMessages.Started],
            // Without an enabled real source only the demo pair can serve: the run is synthetic from its start.
            Synthetic = !sources.AnyRealSourceEnabled,
        };
        var (activeRun, progress) = await BeginAsync(run, lease, work, cancellationToken);
        await finisher.PublishAsync(run);
        LogStarted(logger, run.TaskId, run.Job, triggeredBy, lease.FencingToken);
        _ = Task.Run(() => executor.ExecuteAsync(activeRun, work, progress), CancellationToken.None);
        return new SyncStart(run, activeRun.Completion, null);
    }

    /// <summary>Everything between taking the lease and the run executing: crash recovery, the run's record, its
    /// progress. When any of it fails the lease is released at once (no 409 naming a task that never ran) and a
    /// record already written is ended.</summary>
    private async Task<(ActiveRun Run, ITaskProgress Progress)> BeginAsync(SyncStats run, HeldLease lease, ISyncWork work, CancellationToken cancellationToken)
    {
        var inserted = false;
        try
        {
            var orphans = await finisher.RecoverOrphansAsync(lease.FencingToken, lease.AcquiredAt, cancellationToken);
            await finisher.AnnounceOrphansAsync(orphans, cancellationToken);
            await runs.InsertAsync(run, cancellationToken);
            inserted = true;
            var progress = await progressTracker.StartAsync(run.TaskId, Snake(run.TaskType), work.Steps, CancellationToken.None);
            var activeRun = new ActiveRun(run, lease, new RunRecorder());
            active.Add(activeRun);
            latestRuns.Clear();
            return (activeRun, progress);
        }
        catch (Exception ex)
        {
            LogBeginFailed(logger, ex, run.TaskId);
            await AbandonAsync(run, lease, inserted);
            throw;
        }
    }

    private async Task AbandonAsync(SyncStats run, HeldLease lease, bool inserted)
    {
        try
        {
            if (inserted)
            {
                var failed = run.WithMessage(RunMessages.CouldNotStart) with { Status = SyncRunStatus.Failed, FinishedAt = time.GetUtcNow() };
                await runs.FinishAsync(failed, lease, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogBeginFailed(logger, ex, run.TaskId);
        }

        try
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogBeginFailed(logger, ex, run.TaskId); // it expires by itself
        }
    }

    /// <summary>Stops a run cooperatively: here directly; on another instance through the lease it holds (seen at its
    /// next heartbeat) and, with Redis configured, at once over pub/sub (<see cref="SyncCancelBus"/>).</summary>
    public async Task<CancelOutcome> CancelAsync(string taskId, string requestedBy, CancellationToken cancellationToken)
    {
        var isLocal = active.TryGet(taskId, out var local);
        if (isLocal && local.Final is null)
        {
            local.RequestStop(StopReason.Cancelled, RunMessages.CancelledBy(requestedBy));
            return CancelOutcome.Requested;
        }

        if (!isLocal && await leases.RequestCancelAsync(taskId, time.GetUtcNow(), cancellationToken))
        {
            await cancelBus.AnnounceAsync(taskId, requestedBy); // at once with Redis; the lease flag reaches the heartbeat anyway
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

    /// <summary>The newest run of any of <paramref name="jobs"/> (any job when null): live from memory while it runs
    /// here, else the latest stored record (held in memory briefly, see <see cref="LatestRunCache"/>).</summary>
    public async Task<SyncStats?> GetLatestAsync(IReadOnlyCollection<string>? jobs, CancellationToken cancellationToken)
    {
        var running = active.All.Where(a => jobs is null || jobs.Contains(a.Run.Job)).OrderByDescending(a => a.Run.StartedAt).FirstOrDefault();
        return running is not null ? running.Live : active.Truthful(await latestRuns.GetAsync(jobs, cancellationToken));
    }

    /// <summary>Graceful shutdown: every local run is cancelled and its end written before the host stops.</summary>
    internal async Task StopAllAsync(CancellationToken cancellationToken)
    {
        var stopping = active.All;
        foreach (var run in stopping)
        {
            run.RequestStop(StopReason.ShuttingDown, RunMessages.Stopping);
        }

        await Task.WhenAll(stopping.Select(a => a.Completion)).WaitAsync(cancellationToken);
    }

    private async Task<CurrentTask?> WithProgressAsync(CurrentTask? task, CancellationToken cancellationToken)
    {
        if (task is null)
        {
            return null;
        }

        var totalDays = task.TotalDays ?? (active.TryGet(task.TaskId, out var local) ? local.Recorder.TotalDays : null);
        var progress = (await progressTracker.GetAsync(task.TaskId, cancellationToken))?.Progress ?? 0;
        return task with { Progress = progress, TotalDays = totalDays };
    }

    private static string NewTaskId(SyncTaskType taskType, DateTimeOffset now)
        => $"{Snake(taskType)}-{now.UtcDateTime:yyyyMMdd'T'HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    internal static string Snake(SyncTaskType taskType) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(taskType.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {TaskId} ({Job}) started by {TriggeredBy} with fencing token {FencingToken}")]
    private static partial void LogStarted(ILogger logger, string taskId, string job, string triggeredBy, long fencingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting sync {TaskId} failed after the lease was taken; the lease is released")]
    private static partial void LogBeginFailed(ILogger logger, Exception exception, string taskId);
}
