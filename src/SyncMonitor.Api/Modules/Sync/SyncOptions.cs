using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Sync;

/// <summary><c>Sync</c>: the global lease and the bulk writes.</summary>
public sealed class SyncOptions : IValidatableObject
{
    public const string Section = "Sync";

    /// <summary>How long the lease holds without a heartbeat; a crashed owner's lease ends after this.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often a running sync renews its lease.</summary>
    [Range(1, 1800)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Rows per bulk upsert.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Rows per bulk upsert of the daily batch: up to eight trade dates (~5,000 rows each) in one transaction,
    /// since each commit rewrites every page it touched and the per-stock index has a page per stock.</summary>
    [Range(1, 200_000)]
    public int DailyBatchSize { get; set; } = 40_000;

    /// <summary>Trade dates the daily batch fetches ahead of the one being written (the channel between them): the
    /// dates waiting there when a write ends go into the next one.</summary>
    [Range(1, 64)]
    public int DailyFetchAheadDates { get; set; } = 6;

    /// <summary>Retries of a bulk write on a transient store error (backoff 2^n s).</summary>
    [Range(0, 10)]
    public int WriteRetries { get; set; } = 3;

    /// <summary>Longest range the daily batch accepts.</summary>
    [Range(1, 3660)]
    public int MaxBatchDays { get; set; } = 366;

    /// <summary>How long the latest stored run is served from memory to status readers (0 = read the store every time).
    /// Runs of this instance are always shown at once; this bounds how late another instance's runs appear.</summary>
    [Range(0, 60_000)]
    public int StatusCacheMilliseconds { get; set; } = 1000;

    public TimeSpan StatusCache => TimeSpan.FromMilliseconds(StatusCacheMilliseconds);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatSeconds * 2 > LeaseSeconds)
        {
            yield return new ValidationResult(
                "Sync:HeartbeatSeconds must be at most half of Sync:LeaseSeconds, or a healthy run could lose its lease.",
                [nameof(HeartbeatSeconds)]);
        }
    }
}
