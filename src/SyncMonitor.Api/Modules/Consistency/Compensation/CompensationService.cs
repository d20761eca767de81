using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>What the endpoints ask of compensation: plan (dry run), start, roll back, show. Real runs and rollbacks
/// go through <see cref="SyncManager"/> like every other write of synced data.</summary>
internal sealed class CompensationService(
    CompensationPlanner planner,
    SyncManager manager,
    ICompensationStore compensations,
    ISyncRunReader runs,
    IServiceProvider services,
    TimeProvider time)
{
    public async Task<(CompensationPlan Plan, SyncStart? Start, CompensationRecord? Record)> StartAsync(
        CompensationScope scope, bool dryRun, string user, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(scope, cancellationToken);
        if (dryRun || plan.Dates.Count == 0)
        {
            return (plan, null, null);
        }

        var initial = new CompensationRecord
        {
            Id = string.Empty,
            Status = CompensationStatus.Running,
            Request = scope,
            Dates = plan.Dates,
            CreatedBy = user,
            CreatedAt = time.GetUtcNow(),
        };
        var work = ActivatorUtilities.CreateInstance<CompensationWork>(services, initial);
        var start = await manager.StartAsync(SyncTaskType.Compensation, user, work, cancellationToken);
        if (start.Run is not { } run)
        {
            return (plan, start, null);
        }

        // So that GET finds it right after the 202, whether or not the run has written its own record yet.
        var record = initial with { Id = run.TaskId };
        await compensations.InsertIfAbsentAsync(record, CancellationToken.None);
        return (plan, start, record);
    }

    public async Task<RollbackStart> RollbackAsync(string id, string user, CancellationToken cancellationToken)
    {
        var record = await compensations.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return new RollbackStart(RollbackOutcome.NotFound, record, null);
        }

        if (record.Status == CompensationStatus.RolledBack)
        {
            return new RollbackStart(RollbackOutcome.AlreadyRolledBack, record, null);
        }

        // A compensation still running holds the lock, so it is refused as busy here.
        var work = ActivatorUtilities.CreateInstance<CompensationRollbackWork>(services, id, user);
        var start = await manager.StartAsync(SyncTaskType.Compensation, user, work, cancellationToken);
        return start.Run is { } run
            ? new RollbackStart(RollbackOutcome.Started, record with { Status = CompensationStatus.RollingBack, RollbackTaskId = run.TaskId }, start)
            : new RollbackStart(RollbackOutcome.Busy, record, start);
    }

    /// <summary>The record, read around the run it waits on so that a run that died is shown as interrupted.</summary>
    public async Task<CompensationView?> GetAsync(string id, bool includeKeys, CancellationToken cancellationToken)
    {
        var record = await compensations.GetAsync(id, cancellationToken);
        var waitingOn = record?.Status switch
        {
            CompensationStatus.Running => record.Id,
            CompensationStatus.RollingBack => record.RollbackTaskId,
            _ => null,
        };
        if (record is null || waitingOn is null)
        {
            return record is null ? null : CompensationView.From(record, runEnded: false, includeKeys);
        }

        var run = await runs.GetAsync(waitingOn, cancellationToken);
        record = await compensations.GetAsync(id, cancellationToken) ?? record;
        return CompensationView.From(record, runEnded: run is { IsFinished: true }, includeKeys);
    }
}

internal enum RollbackOutcome
{
    Started,
    NotFound,
    AlreadyRolledBack,
    Busy,
}

internal sealed record RollbackStart(RollbackOutcome Outcome, CompensationRecord? Record, SyncStart? Start);
