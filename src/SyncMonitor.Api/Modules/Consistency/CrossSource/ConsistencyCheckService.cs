using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>Runs a validated check: reads both sources' rows, compares them, stores the report, raises or clears
/// the confidence alert, tells the caches that verdicts changed, and prunes reports past retention. Only a check of
/// every code speaks for the pair's alert: a check limited to some codes is an investigation and neither fires nor
/// clears it.</summary>
internal sealed partial class ConsistencyCheckService(
    IStockBasicReader reader,
    IConsistencyReportStore store,
    ConsistencyAlerts alerts,
    StockDataChanges changes,
    IOperationTimings timings,
    IOptionsMonitor<CrossSourceOptions> options,
    TimeProvider time,
    ILogger<ConsistencyCheckService> logger)
{
    public const string CheckOperation = "consistency.check";

    public async Task<ConsistencyReport> RunAsync(ValidatedCheck check, string checkedBy, CancellationToken cancellationToken)
    {
        var report = await timings.TimeAsync(CheckOperation, async () =>
        {
            var primaryRows = await reader.ListBySourceAsync(check.Primary, check.Codes, cancellationToken);
            var secondaryRows = await reader.ListBySourceAsync(check.Secondary, check.Codes, cancellationToken);
            var comparison = ConsistencyChecker.Compare(primaryRows, secondaryRows);
            var report = new ConsistencyReport(ConsistencyReportIds.New(), check.Primary, check.Secondary, time.GetUtcNow(), checkedBy,
                check.Codes?.Count, check.Synthetic, comparison.Summary, comparison.OnlyInPrimary, comparison.OnlyInSecondary, []);
            await store.SaveAsync(report, comparison.Stocks, cancellationToken);
            return report;
        });
        LogChecked(logger, report.Id, report.Primary, report.Secondary, report.Summary.CommonCount, report.Summary.Confidence);

        if (check.Codes is null)
        {
            await alerts.EvaluateAsync(report, cancellationToken);
        }

        await changes.VerdictsChangedAsync(report.Primary, report.Secondary, check.Codes, cancellationToken);
        var pruned = await store.DeleteCheckedBeforeAsync(report.CheckedAt.AddDays(-options.CurrentValue.ReportRetentionDays), cancellationToken);
        if (pruned > 0)
        {
            LogPruned(logger, pruned, options.CurrentValue.ReportRetentionDays);
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consistency report {ReportId}: {Primary} vs {Secondary}, {Common} common stocks, confidence {Confidence:F3}")]
    private static partial void LogChecked(ILogger logger, string reportId, string primary, string secondary, int common, double confidence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} consistency reports older than {Days} days")]
    private static partial void LogPruned(ILogger logger, long count, int days);
}

/// <summary>Tells the stock read API's caches that consistency verdicts changed. A failure here is logged and
/// swallowed: the report is already stored, and a cache that kept a stale verdict expires it on its own.</summary>
internal sealed partial class StockDataChanges(IStockDataChangeNotifier notifier, ILogger<StockDataChanges> logger)
{
    public async Task VerdictsChangedAsync(string primary, string secondary, IReadOnlyList<string>? codes, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.StockDataChangedAsync(new StockDataChange(StockDataChange.ConsistencyVerdicts, [primary, secondary], codes), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotifyFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the stock caches that consistency verdicts changed ({Error})")]
    private static partial void LogNotifyFailed(ILogger logger, string error);
}
