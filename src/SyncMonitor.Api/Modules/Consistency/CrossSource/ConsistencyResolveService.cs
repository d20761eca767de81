using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary><c>POST /api/consistency/reports/{id}/resolve</c> body: a strategy (default: each stock's
/// recommendation) and the codes to resolve (default: every stock of the report).</summary>
public sealed record ResolveRequest(string? Strategy, IReadOnlyList<string>? Codes);

/// <summary>What a resolve did. <see cref="Changes"/> lists, per stock, the metrics whose chosen value differs from
/// the primary's (and every metric of a flagged stock); stocks where the primary's values stand are only counted.</summary>
public sealed record ResolveResult(
    string ReportId,
    string Primary,
    string Secondary,
    string Strategy,
    DateTimeOffset ResolvedAt,
    string ResolvedBy,
    int ResolvedCount,
    int FlaggedCount,
    int ChangedCount,
    IReadOnlyList<ResolvedStockChange> Changes);

/// <summary>Applies a strategy to a stored report's stocks and records the chosen values with the report.</summary>
internal sealed class ConsistencyResolveService(
    IConsistencyReportStore store,
    StockDataChanges changes,
    IOptionsMonitor<CrossSourceOptions> options,
    TimeProvider time)
{
    /// <summary>Null when the report does not exist.</summary>
    public async Task<ResolveResult?> ResolveAsync(string reportId, ResolveRequest? request, string resolvedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ConflictResolver.TryParse(request?.Strategy, out var strategy))
        {
            errors["strategy"] = ["strategy must be one of primary, secondary, average, investigate (or left out for each stock's recommendation)."];
        }

        var codes = CheckRequestValidator.Codes(request?.Codes, options.CurrentValue.MaxCodes, "codes", errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var report = await store.GetAsync(reportId, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var stocks = await store.GetStocksAsync(reportId, codes, cancellationToken);
        if (codes is not null && stocks.Count < codes.Count)
        {
            var found = stocks.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
            var absent = codes.Where(c => !found.Contains(c)).ToList();
            throw new ValidationException("codes",
                $"{absent.Count} codes were not compared by this report (only codes both sources have are): {string.Join(", ", absent.Take(10))}.");
        }

        var now = time.GetUtcNow();
        var resolutions = new Dictionary<string, StockResolution>(stocks.Count, StringComparer.Ordinal);
        var changed = new List<ResolvedStockChange>();
        foreach (var stock in stocks)
        {
            var resolution = ConflictResolver.Resolve(stock, strategy, now, resolvedBy);
            resolutions[stock.Code] = resolution;
            if (ConflictResolver.ChangeOf(stock, resolution) is { } change)
            {
                changed.Add(change);
            }
        }

        var flagged = resolutions.Values.Count(r => r.Flagged);
        var record = new ResolutionRecord(ConflictResolver.Name(strategy), now, resolvedBy, resolutions.Count, flagged, changed.Count);
        if (!await store.SaveResolutionAsync(reportId, record, resolutions, cancellationToken))
        {
            return null;
        }

        await changes.VerdictsChangedAsync(report.Primary, report.Secondary, codes, cancellationToken);
        return new ResolveResult(reportId, report.Primary, report.Secondary, record.Strategy, now, resolvedBy,
            record.ResolvedCount, flagged, changed.Count, changed);
    }
}
