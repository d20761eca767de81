using SyncMonitor.Api.Common.Http;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>A report as served: the stored report plus one page of its per-stock entries (code order).
/// <see cref="OnlyInconsistent"/> says which entries the page is drawn from.</summary>
public sealed record ConsistencyReportView(
    string Id,
    string Primary,
    string Secondary,
    DateTimeOffset CheckedAt,
    string CheckedBy,
    int? RequestedCodes,
    bool Synthetic,
    ConsistencySummary Summary,
    IReadOnlyList<string> OnlyInPrimary,
    IReadOnlyList<string> OnlyInSecondary,
    IReadOnlyList<ResolutionRecord> Resolutions,
    bool OnlyInconsistent,
    PagedResult<StockConsistency> Stocks)
{
    public static ConsistencyReportView Of(ConsistencyReport r, bool onlyInconsistent, PagedResult<StockConsistency> stocks)
        => new(r.Id, r.Primary, r.Secondary, r.CheckedAt, r.CheckedBy, r.RequestedCodes, r.Synthetic, r.Summary,
            r.OnlyInPrimary, r.OnlyInSecondary, r.Resolutions, onlyInconsistent, stocks);
}

/// <summary>A report in the list: everything but the per-stock entries and the one-sided code lists.</summary>
public sealed record ConsistencyReportListItem(
    string Id,
    string Primary,
    string Secondary,
    DateTimeOffset CheckedAt,
    string CheckedBy,
    int? RequestedCodes,
    bool Synthetic,
    ConsistencySummary Summary,
    int ResolutionCount)
{
    public static ConsistencyReportListItem Of(ConsistencyReport r)
        => new(r.Id, r.Primary, r.Secondary, r.CheckedAt, r.CheckedBy, r.RequestedCodes, r.Synthetic, r.Summary, r.Resolutions.Count);
}
