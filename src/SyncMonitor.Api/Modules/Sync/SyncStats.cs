namespace SyncMonitor.Api.Modules.Sync;

/// <summary>What started a run (SPEC §3.1). Serialized snake_case: <c>stock_basics</c>, <c>web_batch</c>, …</summary>
public enum SyncTaskType
{
    StockBasics,
    WebBatch,
    SchedulerDaily,
    SchedulerMissing,
    Compensation,
}

/// <summary>Run status (SPEC §3.2). Serialized snake_case: <c>success_with_errors</c>, <c>never_run</c>, …</summary>
public enum SyncRunStatus
{
    Idle,
    Running,
    Success,
    SuccessWithErrors,
    Failed,
    Cancelled,

    /// <summary>A stock-basics run the guard held back: its rows are staged until an operator approves or discards them.</summary>
    Held,
    NeverRun,
}

/// <summary>Rows a source delivered in a run and how many of them were stored.</summary>
public sealed record SourceStat(long Total, long Success);

/// <summary>One sync run, as stored in <c>sync_status</c> (one record per run, never overwritten by another run)
/// and served by the status endpoints.</summary>
public sealed record SyncStats
{
    /// <summary>The job name, e.g. <c>stock_basics</c> or <c>daily_basic</c>.</summary>
    public required string Job { get; init; }

    public required string TaskId { get; init; }

    public required SyncTaskType TaskType { get; init; }

    /// <summary>What the run writes: <c>stock_basic_info</c> or <c>stock_daily_basic</c>.</summary>
    public required string DataType { get; init; }

    public required SyncRunStatus Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public long Total { get; init; }

    public long Inserted { get; init; }

    public long Updated { get; init; }

    public long Errors { get; init; }

    public string? LastTradeDate { get; init; }

    /// <summary>Which source served which data kind, e.g. <c>stock_list:tushare</c>, <c>daily_data:akshare</c>.</summary>
    public IReadOnlyList<string> DataSourcesUsed { get; init; } = [];

    public IReadOnlyDictionary<string, SourceStat> SourceStats { get; init; } = new Dictionary<string, SourceStat>();

    /// <summary>In the reader's language; stored in the default one (see <see cref="RunMessages"/>).</summary>
    public string? Message { get; init; }

    /// <summary>The message as resource keys with arguments, so each reader gets it in their language.</summary>
    public IReadOnlyList<Common.Localization.LocalizedText> MessageParts { get; init; } = [];

    /// <summary>User id for REST-started runs, <c>scheduler</c> for scheduled ones.</summary>
    public string? TriggeredBy { get; init; }

    /// <summary>Batch runs: the requested range (YYYYMMDD) and its trade days.</summary>
    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public int? TotalDays { get; init; }

    /// <summary>Batch runs: trade dates (YYYYMMDD) that failed while the batch went on.</summary>
    public IReadOnlyList<string> FailedDates { get; init; } = [];

    /// <summary>The first rows that failed (key and reason, at most <see cref="MaxErrorSamples"/>), so an operator sees
    /// why <see cref="Errors"/> is not zero without reading the log.</summary>
    public IReadOnlyList<Storage.RowError> ErrorSamples { get; init; } = [];

    public const int MaxErrorSamples = 20;

    /// <summary>Daily runs: rows stored per trade date (YYYYMMDD), what integrity checks compare the store against.</summary>
    public IReadOnlyDictionary<string, long> RowsByDate { get; init; } = new Dictionary<string, long>();

    /// <summary>True when the data came from the generated <c>demo</c> sources.</summary>
    public bool Synthetic { get; init; }

    /// <summary>The fencing token of the lease the run held; its writes carry it.</summary>
    public long? FencingToken { get; init; }

    /// <summary>The lease owner (process instance) that ran it.</summary>
    public string? Owner { get; init; }

    /// <summary>Stock-basics runs: what the run changed against the stored rows of its source (counts per kind).</summary>
    public Changes.ChangeSummary? Changes { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is not (SyncRunStatus.Running or SyncRunStatus.Idle or SyncRunStatus.NeverRun);
}
