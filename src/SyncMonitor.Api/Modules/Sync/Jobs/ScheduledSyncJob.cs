using Quartz;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Runs;

namespace SyncMonitor.Api.Modules.Sync.Jobs;

/// <summary>A scheduled sync: asks the SyncManager like any REST caller. When the global lock is held the firing is
/// skipped (logged "同步任务正在进行中，跳过: {task_type}" and counted in <c>syncmonitor_sync_lock_skips</c>); otherwise
/// the job lasts as long as the run, so the scheduler shows the run's outcome.</summary>
public abstract partial class ScheduledSyncJob(SyncManager manager, ILogger logger) : IJob
{
    protected abstract SyncTaskType TaskType { get; }

    protected abstract ISyncWork CreateWork();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var start = await manager.StartAsync(TaskType, context.TriggeredBy(), CreateWork(), cancellationToken);
        if (start.Completion is not { } completion)
        {
            var message = SyncMessages.Skipped(TaskType);
            LogSkipped(logger, message, start.Holder?.TaskId);
            context.Result = JobRunReport.Skipped(message);
            return;
        }

        // On shutdown the job stops waiting; the run itself is cancelled and recorded by the SyncManager.
        var run = await completion.WaitAsync(cancellationToken);
        context.Result = run.Status switch
        {
            SyncRunStatus.Success or SyncRunStatus.SuccessWithErrors => JobRunReport.Succeeded($"{run.TaskId}: {run.Message}"),
            _ => JobRunReport.Failed($"{run.TaskId}: {run.Status}: {run.Message}"),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} (lock held by {HolderTaskId})")]
    private static partial void LogSkipped(ILogger logger, string message, string? holderTaskId);
}

/// <summary><c>scheduler_daily</c>: the nightly stock basics, then today's daily basic when today is a trade day.</summary>
[DisallowConcurrentExecution]
public sealed class NightlySyncJob(SyncManager manager, SyncWorkFactory works, ILogger<NightlySyncJob> logger)
    : ScheduledSyncJob(manager, logger)
{
    public const string Name = "scheduler_daily";

    protected override SyncTaskType TaskType => SyncTaskType.SchedulerDaily;

    protected override ISyncWork CreateWork() => works.Nightly();
}

/// <summary><c>scheduler_missing</c>: re-syncs the trade days among the last 30 that have no daily rows.</summary>
[DisallowConcurrentExecution]
public sealed class MissingDatesSyncJob(SyncManager manager, SyncWorkFactory works, ILogger<MissingDatesSyncJob> logger)
    : ScheduledSyncJob(manager, logger)
{
    public const string Name = "scheduler_missing";
    public const int TradeDays = 30;

    protected override SyncTaskType TaskType => SyncTaskType.SchedulerMissing;

    protected override ISyncWork CreateWork() => works.MissingDailyBasic(TradeDays);
}
