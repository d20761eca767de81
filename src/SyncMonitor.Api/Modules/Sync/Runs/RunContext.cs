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

/// <summary>Accumulates a run's statistics as the work goes (one work at a time writes to it).</summary>
public sealed class RunRecorder
{
    private readonly List<string> _sourcesUsed = [];
    private readonly Dictionary<string, SourceStat> _sourceStats = new(StringComparer.Ordinal);
    private readonly List<string> _failedDates = [];
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, long> _rowsByDate = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    public long Inserted { get; private set; }

    public long Updated { get; private set; }

    public long Errors { get; private set; }

    public string? LastTradeDate { get; private set; }

    public int? TotalDays { get; set; }

    public bool Synthetic { get; private set; }

    public IReadOnlyList<string> FailedDates => _failedDates;

    public IReadOnlyList<string> Warnings => _warnings;

    private readonly List<RowError> _sampleErrors = [];

    public void UseSource(string dataKind, string source, bool synthetic)
    {
        var entry = $"{dataKind}:{source}";
        if (!_sourcesUsed.Contains(entry))
        {
            _sourcesUsed.Add(entry);
        }

        Synthetic |= synthetic;
    }

    /// <summary>Rows a source delivered (<paramref name="total"/>) and how many of them were stored.</summary>
    public void CountSource(string source, long total, long success)
    {
        var current = _sourceStats.GetValueOrDefault(source, new SourceStat(0, 0));
        _sourceStats[source] = new SourceStat(current.Total + total, current.Success + success);
    }

    public void AddDelivered(long rows) => Total += rows;

    /// <summary>Rows the source skipped while reading count as delivered and failed.</summary>
    public void CountRejected(Sources.IStockDataSource source)
    {
        if (source is Sources.IReportsRejectedRows reports)
        {
            CountRejected(source.Name, reports.LastRejected);
        }
    }

    /// <summary>As <see cref="CountRejected(Sources.IStockDataSource)"/>, with what the source reported taken earlier.</summary>
    public void CountRejected(string source, (int Count, IReadOnlyList<string> Samples) rejected)
    {
        if (rejected.Count > 0)
        {
            Total += rejected.Count;
            AddErrors(rejected.Count, rejected.Samples.Select(sample => new RowError(source, sample)));
        }
    }

    /// <summary>The field-unavailable notes of the source's last read become run warnings (once each).</summary>
    public void NoteSourceWarnings(Sources.IStockDataSource source)
    {
        if (source is Sources.IReportsSourceWarnings reports)
        {
            NoteWarnings(reports.LastWarnings);
        }
    }

    public void NoteWarnings(IReadOnlyList<string> warnings)
        => _warnings.AddRange(warnings.Where(w => !_warnings.Contains(w)).ToList());

    public void AddWritten(UpsertResult result)
    {
        Inserted += result.Inserted;
        Updated += result.Updated;
        AddErrors(result.Errors, result.RowErrors);
    }

    public void AddErrors(long count, IEnumerable<RowError> samples)
    {
        Errors += count;
        _sampleErrors.AddRange(samples.Take(Math.Max(0, SyncStats.MaxErrorSamples - _sampleErrors.Count)));
    }

    /// <summary>Rows stored for one trade date of a daily run.</summary>
    public void DateWritten(string tradeDate, long rows)
    {
        _rowsByDate[tradeDate] = _rowsByDate.GetValueOrDefault(tradeDate) + rows;
        if (rows > 0)
        {
            TradeDateWritten(tradeDate);
        }
    }

    public void TradeDateWritten(string tradeDate)
    {
        if (LastTradeDate is null || string.CompareOrdinal(tradeDate, LastTradeDate) > 0)
        {
            LastTradeDate = tradeDate;
        }
    }

    public void FailDate(string tradeDate) => _failedDates.Add(tradeDate);

    public void Warn(string warning) => _warnings.Add(warning);

    public SyncStats ApplyTo(SyncStats run) => run with
    {
        Total = Total,
        Inserted = Inserted,
        Updated = Updated,
        Errors = Errors,
        LastTradeDate = LastTradeDate ?? run.LastTradeDate,
        TotalDays = TotalDays ?? run.TotalDays,
        DataSourcesUsed = [.. _sourcesUsed],
        SourceStats = new Dictionary<string, SourceStat>(_sourceStats),
        FailedDates = [.. _failedDates],
        RowsByDate = new Dictionary<string, long>(_rowsByDate),
        ErrorSamples = [.. _sampleErrors],
        Synthetic = Synthetic,
    };
}
