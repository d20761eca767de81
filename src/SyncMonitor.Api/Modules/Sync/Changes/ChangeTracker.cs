using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Runs;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>The stored rows of a source, being read ahead of the comparison.</summary>
public sealed record SnapshotPrefetch(string? Source, Task<IReadOnlyList<StockBasic>?> Rows);

/// <summary>A run's computed change set and the guard's verdict on it, before anything is written.</summary>
public sealed record ChangePlan(string Source, DateTimeOffset SeenAt, ChangeSet Set, GuardVerdict? Verdict);

/// <summary>The seam between a stock-basics write and its change set. Under the run's lease (no other writer can
/// touch the source's rows), <see cref="PrepareAsync"/> reads the source's stored rows and compares the new ones
/// with them; the run then either writes its rows and <see cref="CommitAsync"/>s the change set with its fencing
/// token, or <see cref="HoldAsync"/> stages them and ends held.</summary>
public sealed class ChangeTracker(
    IStockSnapshotReader stocks,
    IChangeSetStore changeSets,
    IStagedRowStore staging,
    IOptionsMonitor<SyncGuardOptions> guard)
{
    /// <summary>Starts reading the stored rows of the source the run will most likely use while the source is still
    /// answering (the lease is held, so nobody else writes them meanwhile). Never throws: a failed read is read again.</summary>
    public SnapshotPrefetch Prefetch(RunContext context, string? source)
    {
        if (source is null)
        {
            return new SnapshotPrefetch(null, Task.FromResult<IReadOnlyList<StockBasic>?>(null));
        }

        async Task<IReadOnlyList<StockBasic>?> ReadAsync()
        {
            try
            {
                return await stocks.ReadAsync(source, context.CancellationToken);
            }
            catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
            {
                return null; // PrepareAsync reads again and lets that failure count
            }
        }

        // On a thread of its own: SQLite reads synchronously, and the point is to overlap with the fetch.
        return new SnapshotPrefetch(source, Task.Run(ReadAsync, CancellationToken.None));
    }

    public async Task<ChangePlan> PrepareAsync(
        RunContext context, string source, IReadOnlyList<StockBasic> rows, bool guarded, SnapshotPrefetch? prefetch = null)
    {
        var options = guard.CurrentValue;
        var stored = (prefetch?.Source == source ? await prefetch.Rows : null) ?? await stocks.ReadAsync(source, context.CancellationToken);
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
