using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Runs;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>A run's computed change set and the guard's verdict on it, before anything is written.</summary>
public sealed record ChangePlan(string Source, DateTimeOffset SeenAt, ChangeSet Set, GuardVerdict? Verdict);

/// <summary>The seam between a stock-basics write and its change set. Inside the run's fenced write
/// (<c>IStockBasicStore.UpsertSourceAsync</c>), <see cref="PlanAsync"/> compares the new rows with the stored ones
/// the write read and the guard decides whether the write goes on; the run then <see cref="CommitAsync"/>s the change
/// set with its fencing token, or <see cref="HoldAsync"/> stages the rows and ends held.</summary>
public sealed class ChangeTracker(
    IStockSnapshotReader stocks,
    IChangeSetStore changeSets,
    IStagedRowStore staging,
    IOptionsMonitor<SyncGuardOptions> guard)
{
    /// <summary>Reads the source's stored rows, then <see cref="PlanAsync"/> (an approval, which writes in batches).</summary>
    public async Task<ChangePlan> PrepareAsync(RunContext context, string source, IReadOnlyList<StockBasic> rows, bool guarded)
        => await PlanAsync(context, source, await stocks.ReadAsync(source, context.CancellationToken), rows, guarded);

    /// <summary>Compares the new rows with the source's stored ones (as its fenced write read them) and, when
    /// <paramref name="guarded"/>, gives the guard's verdict.</summary>
    public async Task<ChangePlan> PlanAsync(
        RunContext context, string source, IReadOnlyList<StockBasic> stored, IReadOnlyList<StockBasic> rows, bool guarded)
    {
        var options = guard.CurrentValue;
        // The source's earlier change sets are read only when a stored code is missing from the new list.
        var incoming = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var written = stored.Any(s => !incoming.Contains(s.Code))
            ? (await changeSets.ListBySourceAsync(source, context.CancellationToken)).Where(h => h.Written).ToList()
            : [];
        var previous = written.FirstOrDefault();
        MissingMark Mark(StockBasic row)
        {
            // The newest written run that gave rows this updated_at or an earlier one is the last that saw the row.
            var lastSeen = written.FirstOrDefault(h => Milliseconds(h.SeenAt) <= Milliseconds(row.UpdatedAt));
            return new MissingMark(lastSeen?.TaskId, previous is null || lastSeen?.TaskId == previous.TaskId);
        }

        var set = ChangeSetCalculator.Compute(source, stored, rows, options.Bands, Mark);
        var seenAt = rows.Count > 0 ? rows.Max(r => r.UpdatedAt) : DateTimeOffset.UnixEpoch;
        return new ChangePlan(source, seenAt, set, guarded ? SyncGuard.Evaluate(set, options) : null);
    }

    /// <summary>After the rows were written: stores the change set (fenced) and puts its summary on the run record.</summary>
    public async Task CommitAsync(RunContext context, ChangePlan plan, string? approves = null)
    {
        var summary = plan.Set.Summary with { Approves = approves };
        await changeSets.SaveAsync(Record(context, plan, ChangeSetState.Applied, summary), plan.Set.Entries, context.CancellationToken);
        context.Recorder.Changes = summary;
    }

    /// <summary>Instead of writing: stages the rows, stores the change set as held and ends the run held.</summary>
    public async Task HoldAsync(RunContext context, ChangePlan plan, IReadOnlyList<StockBasic> rows)
    {
        var verdict = plan.Verdict ?? throw new InvalidOperationException("Only a run with a guard verdict is held.");
        await staging.StageAsync(context.TaskId, rows, context.FencingToken, context.CancellationToken);
        var summary = plan.Set.Summary with { HeldBy = verdict.Rule, HeldReason = verdict.Reason, Staged = rows.Count };
        await changeSets.SaveAsync(Record(context, plan, ChangeSetState.Held, summary), plan.Set.Entries, context.CancellationToken);
        context.Recorder.Changes = summary;
        throw new RunHeldException(HeldMessage(context.TaskId, verdict));
    }

    public static Common.Localization.LocalizedText HeldMessage(string taskId, GuardVerdict verdict)
        => RunMessages.Held(taskId, verdict.Rule, verdict.Reason);

    private static ChangeSetRecord Record(RunContext context, ChangePlan plan, ChangeSetState state, ChangeSummary summary) => new()
    {
        TaskId = context.TaskId,
        Source = plan.Source,
        FencingToken = context.FencingToken,
        SeenAt = plan.SeenAt,
        State = state,
        Summary = summary,
    };

    private static long Milliseconds(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMillisecond;
}
