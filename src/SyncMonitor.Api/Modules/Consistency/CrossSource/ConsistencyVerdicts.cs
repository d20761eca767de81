using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>The verdicts other modules read: the newest stored per-stock entry for the code, found through the
/// (code, checked_at) index — one indexed read, never a scan of the reports.</summary>
internal sealed class ConsistencyVerdicts(IConsistencyReportStore store) : IConsistencyVerdictReader
{
    public Task<ConsistencyVerdict?> GetLatestAsync(string code, CancellationToken cancellationToken)
        => StockCode.TryParse(code, out var parsed)
            ? store.GetLatestVerdictAsync(parsed.Code, cancellationToken)
            : Task.FromResult<ConsistencyVerdict?>(null);

    public static ConsistencyVerdict Of(StockConsistency stock, string reportId, string primary, string secondary, DateTimeOffset checkedAt)
        => new(reportId, stock.Code, primary, secondary, stock.IsConsistent, stock.Confidence, stock.RecommendedAction,
            stock.Differences.ToDictionary(d => d.Key, d => d.Value.RelativeDifference, StringComparer.Ordinal), checkedAt);
}
