using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>A dry run, or a real request with nothing to do: the dates that would be re-synced and nothing else.</summary>
internal sealed record CompensationPreview(
    bool DryRun,
    IReadOnlyList<CompensationDate> Dates,
    int DatesNotIncluded,
    long MissingRows,
    int BatchSize,
    int MaxTasks,
    string Message);

/// <summary>202 for a compensation or rollback that started: the compensation as recorded and the sync task running it.</summary>
internal sealed record CompensationStarted(CompensationView Compensation, SyncStats Task);

/// <summary>A compensation as served. Its row keys are summarized per (trade date, source); <c>include_keys=true</c>
/// adds the codes. A run that died without finishing its record is shown as such (see <see cref="From"/>).</summary>
internal sealed record CompensationView
{
    public required string Id { get; init; }

    public required CompensationStatus Status { get; init; }

    public required CompensationScope Request { get; init; }

    public required IReadOnlyList<CompensationDate> Dates { get; init; }

    public required IReadOnlyList<WrittenRowsView> Written { get; init; }

    public long RowsWritten { get; init; }

    public required IReadOnlyList<string> FailedDates { get; init; }

    public string? Message { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? RollbackTaskId { get; init; }

    public string? RolledBackBy { get; init; }

    public DateTimeOffset? RolledBackAt { get; init; }

    public long RowsRemoved { get; init; }

    public string ProgressUrl => SyncApiPaths.ProgressFor(RollbackTaskId ?? Id);

    public const string Interrupted = "interrupted: its sync run ended without finishing this record (lease expired or the process stopped)";

    /// <summary><paramref name="runEnded"/>: whether the sync run the record is waiting on (the compensation while
    /// running, its rollback while rolling back) has ended — read before the record, so a record still open after
    /// its run ended was never finished (a run finishes its record before it ends).</summary>
    public static CompensationView From(CompensationRecord record, bool runEnded, bool includeKeys)
    {
        var interrupted = runEnded && record.Status is CompensationStatus.Running or CompensationStatus.RollingBack;
        return new CompensationView
        {
            Id = record.Id,
            Status = interrupted && record.Status == CompensationStatus.Running ? CompensationStatus.Failed : record.Status,
            Request = record.Request,
            Dates = record.Dates,
            Written = record.Written.Select(w => new WrittenRowsView(w.TradeDate, w.Source, w.Count, w.Confirmed, includeKeys ? w.CodeList() : null)).ToList(),
            RowsWritten = record.RowsWritten,
            FailedDates = record.FailedDates,
            Message = interrupted ? Interrupted : record.Message,
            CreatedBy = record.CreatedBy,
            CreatedAt = record.CreatedAt,
            FinishedAt = record.FinishedAt,
            RollbackTaskId = record.RollbackTaskId,
            RolledBackBy = record.RolledBackBy,
            RolledBackAt = record.RolledBackAt,
            RowsRemoved = record.RowsRemoved,
        };
    }
}

/// <summary>Rows written for one (trade date, source); <c>confirmed</c> false means the write was interrupted before
/// the keys were checked (a rollback still removes them all).</summary>
internal sealed record WrittenRowsView(string TradeDate, string Source, long Count, bool Confirmed, IReadOnlyList<string>? Codes);
