using SyncMonitor.Api.Common.Http;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>The <c>operation_logs</c> collection/table. Reads are index-backed and aggregate in the store;
/// the export streams from one cursor.</summary>
public interface IOperationLogStore
{
    /// <summary>Stores entries; a retried batch that was partly stored before does not duplicate them.</summary>
    Task InsertManyAsync(IReadOnlyList<OperationLog> entries, CancellationToken cancellationToken);

    Task<OperationLog?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>A page of matching entries, newest first, with the total number of matches.</summary>
    Task<PagedResult<OperationLog>> ListAsync(OperationLogFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every matching entry, newest first, read row by row (constant memory).</summary>
    IAsyncEnumerable<OperationLogExportRow> StreamAsync(OperationLogFilter filter, CancellationToken cancellationToken);

    /// <summary>Counts since <paramref name="since"/>, grouped in the store.</summary>
    Task<OperationLogStats> StatsAsync(DateTimeOffset since, int topUsers, CancellationToken cancellationToken);

    /// <summary>Removes entries whose <c>timestamp</c> is before <paramref name="before"/> (of one action type when
    /// given); returns how many.</summary>
    Task<long> DeleteAsync(DateTimeOffset before, string? actionType, CancellationToken cancellationToken);

    /// <summary>Retention: removes entries stored (<c>created_at</c>) before <paramref name="cutoff"/>.</summary>
    Task<long> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>What the list and export match. <see cref="From"/> is inclusive, <see cref="Until"/> exclusive.</summary>
public sealed record OperationLogFilter
{
    public static readonly OperationLogFilter All = new();

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    public string? ActionType { get; init; }

    public bool? Success { get; init; }

    /// <summary>Matched literally and case-insensitively in action, details and username.</summary>
    public string? Keyword { get; init; }

    public string? UserId { get; init; }
}

/// <summary>The columns of the CSV export, without the details that it does not carry.</summary>
public sealed record OperationLogExportRow(
    DateTimeOffset Timestamp,
    string Username,
    string ActionType,
    string Action,
    bool Success,
    long? DurationMs,
    string? IpAddress,
    string? ErrorMessage);

public sealed record OperationLogStats(
    long Total,
    long Success,
    double? AvgDurationMs,
    IReadOnlyList<ActionTypeCount> ByActionType,
    IReadOnlyList<DayCount> ByDay,
    IReadOnlyList<UserCount> TopUsers)
{
    public long Failed => Total - Success;

    /// <summary>Percent of successful entries, two decimals; 0 when there are none.</summary>
    public double SuccessRate => Total == 0 ? 0 : Math.Round(100.0 * Success / Total, 2);
}

public sealed record ActionTypeCount(string ActionType, long Count, long Success);

/// <summary>Entries of one UTC day (<c>yyyy-MM-dd</c>).</summary>
public sealed record DayCount(string Date, long Count, long Success);

public sealed record UserCount(string UserId, string Username, long Count);
