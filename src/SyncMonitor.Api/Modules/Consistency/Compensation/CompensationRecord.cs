using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>Serialized <c>running</c>, <c>completed</c>, <c>completed_with_errors</c>, <c>failed</c>, <c>cancelled</c>,
/// <c>rolling_back</c>, <c>rolled_back</c>.</summary>
public enum CompensationStatus
{
    Running,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
    RollingBack,
    RolledBack,
}

/// <summary>One compensation (a row of <c>compensations</c>, id = its sync task id): what was asked, which trade
/// dates it planned, and every row key it wrote — so that a rollback removes exactly those rows.</summary>
public sealed record CompensationRecord
{
    public required string Id { get; init; }

    public required CompensationStatus Status { get; init; }

    public required CompensationScope Request { get; init; }

    /// <summary>The trade dates it set out to re-sync (at most <c>max_tasks</c>).</summary>
    public IReadOnlyList<CompensationDate> Dates { get; init; } = [];

    /// <summary>Row keys per (trade date, source). Recorded before the rows are written and confirmed after.</summary>
    public IReadOnlyList<WrittenRows> Written { get; init; } = [];

    public long RowsWritten { get; init; }

    /// <summary>The fencing token its writes carried. A rollback removes a row only while it still carries it, so rows
    /// a later sync rewrote stay (null for records written before this was kept: then the keys alone decide).</summary>
    public long? FencingToken { get; init; }

    /// <summary>Planned dates no source could serve.</summary>
    public IReadOnlyList<string> FailedDates { get; init; } = [];

    public string? Message { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? RollbackTaskId { get; init; }

    public string? RolledBackBy { get; init; }

    public DateTimeOffset? RolledBackAt { get; init; }

    public long RowsRemoved { get; init; }
}

/// <summary>What the compensation was asked for: a trade-date range (YYYYMMDD) or run ids, and its limits.</summary>
public sealed record CompensationScope
{
    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public IReadOnlyList<string> RunIds { get; init; } = [];

    public int BatchSize { get; init; }

    public int MaxTasks { get; init; }
}

/// <summary>A trade date with missing or short output: expected = the most rows a selected run reported for it,
/// present = rows stored now from those runs' daily sources, missing = expected − present (0 for no_output, where
/// the run stored nothing and so nothing says how many rows to expect).</summary>
public sealed record CompensationDate
{
    public required string TradeDate { get; init; }

    public long Expected { get; init; }

    public long Present { get; init; }

    public long Missing { get; init; }

    public required OutputShortfall Reason { get; init; }

    /// <summary>The sources the runs used for the date; null when they recorded none (then any source may serve).</summary>
    public IReadOnlyList<string>? Sources { get; init; }

    public IReadOnlyList<string> RunIds { get; init; } = [];

    public static CompensationDate From(TradeDateVerdict verdict) => new()
    {
        TradeDate = verdict.TradeDate,
        Expected = verdict.Expected,
        Present = verdict.Present,
        Missing = verdict.Missing,
        Reason = verdict.Shortfall ?? throw new ArgumentException("The date has complete output.", nameof(verdict)),
        Sources = verdict.Sources,
        RunIds = verdict.RunIds.Take(20).ToList(),
    };
}

/// <summary>Rows written for one trade date by one source, stored compactly: the codes sorted and comma-joined
/// (about 7 bytes a row, so 5,000+ rows per date fit easily in one record).</summary>
public sealed record WrittenRows
{
    public required string TradeDate { get; init; }

    public required string Source { get; init; }

    public required string Codes { get; init; }

    public long Count { get; init; }

    /// <summary>False between recording the intended keys and checking which were stored.</summary>
    public bool Confirmed { get; init; }

    public static WrittenRows Of(string tradeDate, string source, IEnumerable<string> codes, bool confirmed)
    {
        var sorted = codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new WrittenRows { TradeDate = tradeDate, Source = source, Codes = string.Join(',', sorted), Count = sorted.Count, Confirmed = confirmed };
    }

    public IReadOnlyList<string> CodeList() => Codes.Length == 0 ? [] : Codes.Split(',');
}
