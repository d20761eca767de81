using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>Removes exactly the rows a compensation recorded as written (intended keys included: they were absent
/// before it and it held the lock) and that still carry its fencing token — a row a later sync rewrote is that sync's
/// now and stays — under the global lock. Re-reads the record under the lock, so of two rollbacks
/// only the first removes anything.</summary>
internal sealed class CompensationRollbackWork(
    string compensationId,
    string requestedBy,
    ICompensationStore compensations,
    IDailyBasicStore store,
    TimeProvider time) : ISyncWork
{
    public const string JobName = "compensation_rollback";
    public const int KeysPerDelete = 1000;
    private const string Step = "rollback";

    public string Job => JobName;

    public string DataType => DailyBasicWork.Table;

    public IReadOnlyList<ProgressStep> Steps { get; } = [new(Step, 1.0)];

    public async Task ExecuteAsync(RunContext context)
    {
        var record = await compensations.GetAsync(compensationId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Compensation {compensationId} disappeared.");
        if (record.Status == CompensationStatus.RolledBack)
        {
            context.Recorder.Warn($"compensation {compensationId} was already rolled back by {record.RollbackTaskId}");
            return;
        }

        record = record with { Status = CompensationStatus.RollingBack, RollbackTaskId = context.TaskId };
        await compensations.SaveAsync(record, CancellationToken.None);
        await context.Progress.BeginStepAsync(Step, ProgressMessages.RowsToRemove(record.Written.Sum(w => w.Count)));
        long removed = 0, done = 0, total = record.Written.Sum(w => w.Count);
        foreach (var written in record.Written)
        {
            foreach (var codes in written.CodeList().Chunk(KeysPerDelete))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var keys = codes.Select(c => new DailyBasicKey(c, written.TradeDate, written.Source)).ToList();
                removed += await store.DeleteAsync(keys, record.FencingToken, context.CancellationToken);
                done += codes.Length;
                await context.Progress.ReportAsync(Step, done / (double)Math.Max(1, total));
            }
        }

        context.Recorder.AddDelivered(total);
        await compensations.SaveAsync(record with
        {
            Status = CompensationStatus.RolledBack,
            RolledBackBy = requestedBy,
            RolledBackAt = time.GetUtcNow(),
            RowsRemoved = record.RowsRemoved + removed,
        }, CancellationToken.None);
        await context.Progress.CompleteStepAsync(Step);
    }
}
