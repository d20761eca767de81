namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>One integrity check (stored in <c>integrity_checks</c>, appended to <c>monitoring_YYYYMMDD.jsonl</c>,
/// served by the check and metrics endpoints). Rates are percentages 0–100. See the Integrity README text in the
/// module report for every definition; in short: a successful daily run has complete output when every trade date
/// it reported has rows reported &gt; 0 and rows present now ≥ rows reported.</summary>
public sealed record IntegrityCheckResult
{
    public required string Id { get; init; }

    public required IntegrityCheckType Type { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>Runs that started at or after this time (checked_at − the type's window) were checked.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    public long DurationMs { get; init; }

    public required IntegrityHealth Health { get; init; }

    public required IntegrityLevel Level { get; init; }

    /// <summary><c>no_runs</c> when no successful daily run covering a trade date started in the window (then the
    /// rate is 100 and health healthy: nothing that claimed output lacks it).</summary>
    public string? Note { get; init; }

    /// <summary>Runs with complete output ÷ successful runs that covered at least one trade date.</summary>
    public double CompletionRate { get; init; }

    public long SuccessfulRuns { get; init; }

    public long RunsWithCompleteOutput { get; init; }

    /// <summary>Successful runs that covered no trade date (e.g. the nightly run on a holiday): not judged.</summary>
    public long RunsWithoutTradeDates { get; init; }

    /// <summary>Distinct trade dates with complete output ÷ distinct trade dates the runs covered.</summary>
    public double TradeDateCompletionRate { get; init; }

    public long TradeDatesChecked { get; init; }

    public long TradeDatesWithCompleteOutput { get; init; }

    /// <summary>Mean of the rows the runs reported storing (Σ over their trade dates).</summary>
    public double AvgRowsReportedPerRun { get; init; }

    /// <summary>Mean of the rows present now for the runs' trade dates and sources.</summary>
    public double AvgRowsPresentPerRun { get; init; }

    public OutputDelay OutputDelay { get; init; } = new();

    public DuplicateOutput Duplicates { get; init; } = new();

    /// <summary>The first <see cref="IntegrityResultBuilder.MaxFailuresListed"/> (run, trade date) failures, oldest trade date first.</summary>
    public IReadOnlyList<OutputFailure> Failures { get; init; } = [];

    public long FailuresTotal { get; init; }

    /// <summary>True when more runs started in the window than <c>Integrity:MaxRunsPerCheck</c>; the newest were checked.</summary>
    public bool RunsTruncated { get; init; }

    /// <summary>Deep checks only.</summary>
    public CompletionTrend? Trend { get; init; }
}

/// <summary>Run finish → rows present: per (run, trade date) with rows present, the newest <c>updated_at</c> of those
/// rows minus the run's <c>finished_at</c>, floored at 0. 0 means the rows were last written during the run; more
/// means they appeared (or were rewritten) after the run said it had finished.</summary>
public sealed record OutputDelay
{
    public long Measured { get; init; }

    public double AvgSeconds { get; init; }

    public double MaxSeconds { get; init; }
}

/// <summary>Codes stored for one trade date under more than one source where that is unexpected: every checked run
/// that covered the date used one and the same daily source, yet other sources also hold rows for it. (Overlap is
/// expected, and not counted, when the runs themselves used several sources for the date, e.g. after a fallback.)</summary>
public sealed record DuplicateOutput
{
    public long Codes { get; init; }

    public IReadOnlyList<DuplicateDate> Dates { get; init; } = [];
}

public sealed record DuplicateDate
{
    public required string TradeDate { get; init; }

    public long Codes { get; init; }

    /// <summary>The source the runs used for the date.</summary>
    public required string ExpectedSource { get; init; }

    public IReadOnlyList<string> StoredSources { get; init; } = [];
}

/// <summary>Why a (run, trade date) lacks output: the run stored nothing for a date it covered, or fewer rows are
/// present now than it reported.</summary>
public enum OutputShortfall
{
    NoOutput,
    Short,
}

/// <summary>One (run, trade date) whose output is missing or short.</summary>
public sealed record OutputFailure
{
    public required string TaskId { get; init; }

    public required string Job { get; init; }

    public required string TradeDate { get; init; }

    public required OutputShortfall Reason { get; init; }

    public long Reported { get; init; }

    public long Present { get; init; }

    public long Missing { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
