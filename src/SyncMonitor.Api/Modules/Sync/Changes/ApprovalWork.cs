using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>Applies a held run's staged rows as a run of its own (under the global lock, with its own fencing token):
/// claims the held change set, writes exactly the staged rows, records its own change set against what is stored
/// now, then drops the staging. A failure puts the change set back to held, so the operator can approve again.</summary>
public sealed class ApprovalWork(
    HeldRun held,
    IStagedRowStore staging,
    IChangeSetStore changeSets,
    IStockBasicStore store,
    ChangeTracker changes,
    BulkWriter writer,
    TimeProvider time) : ISyncWork
{
    public string Job => StockBasicsWork.JobName;

    public string DataType => StockBasicsWork.Table;

    public IReadOnlyList<ProgressStep> Steps { get; } = [new("approve", 0.1), new("upsert", 0.8), new("finalize", 0.1)];

    public async Task ExecuteAsync(RunContext context)
    {
        var progress = context.Progress;
        await progress.BeginStepAsync("approve", ProgressMessages.Approving(held.TaskId));
        if (!await changeSets.TryMoveAsync(held.TaskId, ChangeSetState.Held, ChangeSetState.Approving, held.ApprovedBy, time.GetUtcNow(), context.TaskId, CancellationToken.None))
        {
            throw new ApprovalFailedException(Common.Localization.LocalizedText.Of("Run.NoLongerHeld", held.TaskId));
        }

        try
        {
            var rows = await staging.ReadAsync(held.TaskId, context.CancellationToken);
            context.Recorder.UseSource("stock_list", held.Source, held.Synthetic);
            context.Recorder.AddDelivered(rows.Count);
            var plan = await changes.PrepareAsync(context, held.Source, rows, guarded: false);
            await progress.CompleteStepAsync("approve");
            await progress.BeginStepAsync("upsert", ProgressMessages.WritingStaged(rows.Count));
            var written = await writer.WriteAsync(context, StockBasicsWork.Table, rows, store.UpsertAsync, f => progress.ReportAsync("upsert", f));
            context.Recorder.CountSource(held.Source, rows.Count, written.Inserted + written.Updated);
            if (written.Errors > 0)
            {
                // Staged rows are dropped only once every one of them is stored; approving again rewrites them all.
                throw new ApprovalFailedException(Common.Localization.LocalizedText.Of("Run.ApprovalUnwritten", written.Errors, rows.Count, held.TaskId));
            }

            await progress.CompleteStepAsync("upsert");
            await progress.BeginStepAsync("finalize", ProgressMessages.Summarizing);
            await changes.CommitAsync(context, plan, approves: held.TaskId);
            await changeSets.TryMoveAsync(held.TaskId, ChangeSetState.Approving, ChangeSetState.Approved, held.ApprovedBy, time.GetUtcNow(), context.TaskId, CancellationToken.None);
            await staging.DropAsync(held.TaskId, CancellationToken.None);
            await progress.CompleteStepAsync("finalize");
        }
        catch
        {
            await changeSets.TryMoveAsync(held.TaskId, ChangeSetState.Approving, ChangeSetState.Held, held.ApprovedBy, time.GetUtcNow(), null, CancellationToken.None);
            throw;
        }
    }
}

/// <summary>The held run an approval applies: its task id and source, who approves it.</summary>
public sealed record HeldRun(string TaskId, string Source, bool Synthetic, string ApprovedBy);

/// <summary>An approval that could not apply its run's staged rows (no longer held, or rows not stored): the approval
/// run fails with this message and the held run stays held.</summary>
public sealed class ApprovalFailedException(Common.Localization.LocalizedText text)
    : Exception(RunMessages.Render([text], Common.Localization.LocalizationModule.DefaultCulture))
{
    public Common.Localization.LocalizedText Text { get; } = text;
}
