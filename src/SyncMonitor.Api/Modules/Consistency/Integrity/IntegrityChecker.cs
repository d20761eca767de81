using System.Diagnostics;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Consistency.Integrity.Storage;
using SyncMonitor.Api.Modules.Metrics;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary>Runs one integrity check: reads the successful daily runs of the type's window and what the store holds
/// for their trade dates, builds the result, then records it everywhere it goes — <c>integrity_checks</c>, the
/// day's JSONL file, the gauge and the <c>integrity_level</c> alert. Read-only on synced data, so it never takes
/// the sync lock.</summary>
internal sealed partial class IntegrityChecker(
    DailyRunOutputs outputs,
    IIntegrityCheckStore store,
    MonitoringResultsLog resultsLog,
    IntegrityAlerts alerts,
    IntegrityMetrics metrics,
    IOperationTimings timings,
    IOptionsMonitor<IntegrityOptions> options,
    TimeProvider time,
    ILogger<IntegrityChecker> logger)
{
    public Task<IntegrityCheckResult> RunAsync(IntegrityCheckType type, CancellationToken cancellationToken)
        => timings.TimeAsync($"integrity.check.{type.Name()}", () => CheckAsync(type, cancellationToken));

    /// <summary>The newest checks of each type (newest first), at most <paramref name="limit"/> or else
    /// <c>Integrity:HistorySize</c> each. Also fills the gauge for types not checked since start.</summary>
    public async Task<IReadOnlyDictionary<IntegrityCheckType, IReadOnlyList<IntegrityCheckResult>>> RecentAsync(int? limit, CancellationToken cancellationToken)
    {
        var recent = new Dictionary<IntegrityCheckType, IReadOnlyList<IntegrityCheckResult>>();
        foreach (var type in IntegrityCheckTypes.All)
        {
            recent[type] = await store.ListRecentAsync(type, limit ?? options.CurrentValue.HistorySize, cancellationToken);
            if (recent[type] is [var latest, ..])
            {
                metrics.Seed(latest);
            }
        }

        return recent;
    }

    /// <summary>Retention of <c>integrity_checks</c>, and of the JSONL files (the long-term record, kept longer).</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.ResultFileRetainDays > 0)
        {
            resultsLog.DeleteFilesBefore(IntegrityResultBuilder.ShanghaiDay(time.GetUtcNow()).AddDays(-options.CurrentValue.ResultFileRetainDays));
        }

        var removed = await store.DeleteOlderThanAsync(time.GetUtcNow().AddDays(-options.CurrentValue.RetainDays), cancellationToken);
        if (removed > 0)
        {
            LogPruned(logger, removed, options.CurrentValue.RetainDays);
        }

        return removed;
    }

    private async Task<IntegrityCheckResult> CheckAsync(IntegrityCheckType type, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var (runs, truncated) = await outputs.ListSuccessfulAsync(now - type.Window(), options.CurrentValue.MaxRunsPerCheck, cancellationToken);
        var stored = await outputs.ReadStoredAsync(runs, include: null, cancellationToken);
        var result = IntegrityResultBuilder.Build(NewId(type, now), type, now, runs, stored, truncated) with
        {
            DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };

        var previous = (await store.ListRecentAsync(type, 1, cancellationToken)).FirstOrDefault();
        await store.InsertAsync(result, cancellationToken);
        await resultsLog.AppendAsync(result, result.CheckedAt, cancellationToken);
        metrics.Record(result);
        await alerts.ApplyAsync(result, previous, cancellationToken);
        LogChecked(logger, type.Name(), result.CompletionRate, result.Health, result.SuccessfulRuns, result.FailuresTotal);
        return result;
    }

    /// <summary>Sorts by time, then is unique: <c>integrity-quick-20261124T080000123-1a2b3c4d</c>.</summary>
    private static string NewId(IntegrityCheckType type, DateTimeOffset now)
        => $"integrity-{type.Name()}-{now.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}";

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Integrity {Type} check: {CompletionRate:0.##}% complete ({Health}), {Runs} runs judged, {Failures} run trade dates missing or short")]
    private static partial void LogChecked(ILogger logger, string type, double completionRate, IntegrityHealth health, long runs, long failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} integrity checks older than {Days} days")]
    private static partial void LogPruned(ILogger logger, long count, int days);
}
