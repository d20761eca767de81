using System.Collections.Immutable;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Everything a work needs while it runs: the task identity, the fencing token its writes carry, the
/// cancellation that fires on cancel, lease loss or shutdown, progress, and the recorder of its statistics.</summary>
public sealed class RunContext(string taskId, long fencingToken, ITaskProgress progress, CancellationToken cancellationToken, RunRecorder? recorder = null)
{
    public string TaskId { get; } = taskId;

    public long FencingToken { get; } = fencingToken;

    public ITaskProgress Progress { get; } = progress;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public RunRecorder Recorder { get; } = recorder ?? new();

    /// <summary>The same run seen through another progress writer (a part of a composite work).</summary>
    public RunContext WithProgress(ITaskProgress other) => new(TaskId, FencingToken, other, CancellationToken, Recorder);
}

/// <summary>Accumulates a run's statistics as the work goes. The work writes (one change at a time, under a lock);
/// status readers poll at any moment. Every change publishes a new immutable <see cref="RunTotals"/>, so a reader
/// always sees one consistent state — never a collection while it is being changed, never counts torn between two
/// updates.</summary>
public sealed class RunRecorder
{
    private readonly Lock _gate = new();
    private volatile RunTotals _totals = RunTotals.Empty;

    /// <summary>The statistics as of the last completed change.</summary>
    public RunTotals Snapshot => _totals;

    public long Total => _totals.Total;

    public long Inserted => _totals.Inserted;

    public long Updated => _totals.Updated;

    public long Errors => _totals.Errors;

    public string? LastTradeDate => _totals.LastTradeDate;

    public int? TotalDays
    {
        get => _totals.TotalDays;
        set => Change(t => t with { TotalDays = value });
    }

    public bool Synthetic => _totals.Synthetic;

    public IReadOnlyList<string> FailedDates => _totals.FailedDates;

    public IReadOnlyList<string> Warnings => _totals.Warnings;

    public void UseSource(string dataKind, string source, bool synthetic)
    {
        var entry = $"{dataKind}:{source}";
        Change(t => t with
        {
            SourcesUsed = t.SourcesUsed.Contains(entry) ? t.SourcesUsed : t.SourcesUsed.Add(entry),
            Synthetic = t.Synthetic | synthetic,
        });
    }

    /// <summary>Rows a source delivered (<paramref name="total"/>) and how many of them were stored.</summary>
    public void CountSource(string source, long total, long success) => Change(t =>
    {
        var index = t.SourceStats.FindIndex(s => s.Key == source);
        var current = index >= 0 ? t.SourceStats[index].Value : new SourceStat(0, 0);
        var entry = KeyValuePair.Create(source, new SourceStat(current.Total + total, current.Success + success));
        return t with { SourceStats = index >= 0 ? t.SourceStats.SetItem(index, entry) : t.SourceStats.Add(entry) };
    });

    public void AddDelivered(long rows) => Change(t => t with { Total = t.Total + rows });

    /// <summary>Rows the source skipped while reading count as delivered and failed.</summary>
    public void CountRejected(Sources.IStockDataSource source)
    {
        if (source is Sources.IReportsRejectedRows reports)
        {
            CountRejected(source.Name, reports.LastRejected);
        }
    }

    /// <summary>As <see cref="CountRejected(Sources.IStockDataSource)"/>, with what the source reported taken earlier
    /// (the daily batch fetches ahead, so the source's last report may already be the next date's).</summary>
    public void CountRejected(string source, (int Count, IReadOnlyList<string> Samples) rejected)
    {
        if (rejected.Count > 0)
        {
            var samples = rejected.Samples.Select(sample => new RowError(source, sample)).ToList();
            Change(t => WithErrors(t with { Total = t.Total + rejected.Count }, rejected.Count, samples));
        }
    }

    /// <summary>Fields the source could not deliver in its last read ("field unavailable"), each noted once per run.</summary>
    public void NoteSourceWarnings(Sources.IStockDataSource source)
    {
        if (source is Sources.IReportsSourceWarnings reports)
        {
            NoteWarnings(reports.LastWarnings);
        }
    }

    /// <summary>Warnings taken from a source's read earlier, each noted once per run.</summary>
    public void NoteWarnings(IReadOnlyList<string> warnings)
    {
        if (warnings.Count > 0)
        {
            var list = warnings.ToList();
            Change(t => t with { Warnings = t.Warnings.AddRange(list.Where(w => !t.Warnings.Contains(w)).Distinct()) });
        }
    }

    /// <summary>A written batch; with <paramref name="tradeDate"/> its stored rows count for that date in the same
    /// change, so <c>rows_by_date</c> always sums to what was stored, however the run ends.</summary>
    public void AddWritten(UpsertResult result, string? tradeDate = null)
    {
        var samples = result.RowErrors.ToList();
        Change(t =>
        {
            var next = WithErrors(t with { Inserted = t.Inserted + result.Inserted, Updated = t.Updated + result.Updated }, result.Errors, samples);
            var stored = result.Inserted + result.Updated;
            return tradeDate is null ? next : next with { RowsByDate = next.RowsByDate.SetItem(tradeDate, next.RowsByDate.GetValueOrDefault(tradeDate) + stored) };
        });
    }

    public void AddErrors(long count, IEnumerable<RowError> samples)
    {
        var list = samples.Take(SyncStats.MaxErrorSamples).ToList();
        Change(t => WithErrors(t, count, list));
    }

    /// <summary>Rows stored for one trade date of a run that does not write through <see cref="AddWritten"/> with a date.</summary>
    public void DateWritten(string tradeDate, long rows) => Change(t =>
    {
        var next = t with { RowsByDate = t.RowsByDate.SetItem(tradeDate, t.RowsByDate.GetValueOrDefault(tradeDate) + rows) };
        return rows > 0 ? Later(next, tradeDate) : next;
    });

    /// <summary>A date whose rows went through <see cref="AddWritten"/> with that date: listed in <c>rows_by_date</c>
    /// (also with 0 rows) and the latest trade date when it stored rows.</summary>
    public void DateDone(string tradeDate) => Change(t =>
    {
        var rows = t.RowsByDate.GetValueOrDefault(tradeDate);
        var next = t with { RowsByDate = t.RowsByDate.SetItem(tradeDate, rows) };
        return rows > 0 ? Later(next, tradeDate) : next;
    });

    public void TradeDateWritten(string tradeDate) => Change(t => Later(t, tradeDate));

    public void FailDate(string tradeDate) => Change(t => t with { FailedDates = t.FailedDates.Add(tradeDate) });

    public void Warn(string warning) => Change(t => t with { Warnings = t.Warnings.Add(warning) });

    /// <summary>The change set summary of a stock-basics run (the last one computed, for a composite run). An immutable
    /// value replaced whole, so a reader never sees it half-set.</summary>
    public Changes.ChangeSummary? Changes { get => Volatile.Read(ref _changes); set => Volatile.Write(ref _changes, value); }

    private Changes.ChangeSummary? _changes;

    /// <summary>The run with the statistics of one snapshot (copied into plain collections, as stored).</summary>
    public SyncStats ApplyTo(SyncStats run) => ApplyTo(run, _totals, Changes);

    /// <summary>As <see cref="ApplyTo(SyncStats)"/>, from a snapshot and change summary the caller already read.</summary>
    public static SyncStats ApplyTo(SyncStats run, RunTotals t, Changes.ChangeSummary? changes)
    {
        return run with
        {
            Total = t.Total,
            Inserted = t.Inserted,
            Updated = t.Updated,
            Errors = t.Errors,
            LastTradeDate = t.LastTradeDate ?? run.LastTradeDate,
            TotalDays = t.TotalDays ?? run.TotalDays,
            DataSourcesUsed = [.. t.SourcesUsed],
            SourceStats = t.SourceStats.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            FailedDates = [.. t.FailedDates],
            RowsByDate = new Dictionary<string, long>(t.RowsByDate),
            ErrorSamples = [.. t.Samples],
            Synthetic = t.Synthetic || run.Synthetic,
            Changes = changes ?? run.Changes,
        };
    }

    private void Change(Func<RunTotals, RunTotals> change)
    {
        lock (_gate)
        {
            _totals = change(_totals);
        }
    }

    private static RunTotals WithErrors(RunTotals t, long count, IReadOnlyList<RowError> samples) => t with
    {
        Errors = t.Errors + count,
        Samples = t.Samples.AddRange(samples.Take(Math.Max(0, SyncStats.MaxErrorSamples - t.Samples.Count))),
    };

    private static RunTotals Later(RunTotals t, string tradeDate)
        => t.LastTradeDate is null || string.CompareOrdinal(tradeDate, t.LastTradeDate) > 0 ? t with { LastTradeDate = tradeDate } : t;
}

/// <summary>One consistent state of a run's statistics (immutable; a new one per change).</summary>
public sealed record RunTotals(
    long Total,
    long Inserted,
    long Updated,
    long Errors,
    string? LastTradeDate,
    int? TotalDays,
    bool Synthetic,
    ImmutableList<string> SourcesUsed,
    ImmutableList<KeyValuePair<string, SourceStat>> SourceStats,
    ImmutableList<string> FailedDates,
    ImmutableList<string> Warnings,
    ImmutableSortedDictionary<string, long> RowsByDate,
    ImmutableList<RowError> Samples)
{
    /// <summary>Sources in the order they were first counted; dates in date order.</summary>
    public static RunTotals Empty { get; } = new(0, 0, 0, 0, null, null, false, [], [],
        [], [], ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal), []);
}
