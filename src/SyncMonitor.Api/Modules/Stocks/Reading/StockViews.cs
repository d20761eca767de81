using System.ComponentModel;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

// The records below are what the cache holds. They are immutable ([ImmutableObject] tells HybridCache so), which lets
// an in-process hit hand out the cached instance instead of a fresh deserialized copy.

/// <summary>One source's row of <c>stock_basic_info</c> as served: every stored field plus <c>synthetic</c>.</summary>
[ImmutableObject(true)]
internal sealed record StockView(
    string Code,
    string Symbol,
    string Name,
    string? Area,
    string? Industry,
    string? Market,
    string? ListDate,
    string? Sse,
    string FullSymbol,
    string? Category,
    string Source,
    bool Synthetic,
    DateTimeOffset UpdatedAt,
    string? TradeDate,
    double? Close,
    double? Pe,
    double? PeTtm,
    double? Pb,
    double? Ps,
    double? TurnoverRate,
    double? VolumeRatio,
    double? Volume,
    double? TotalShare,
    double? FloatShare,
    double? TotalMv,
    double? CircMv)
{
    public static StockView From(StockBasic row) => new(
        row.Code, row.Symbol, row.Name, row.Area, row.Industry, row.Market, row.ListDate, row.Sse, row.FullSymbol, row.Category,
        row.Source, SourcePriority.IsSynthetic(row.Source), row.UpdatedAt, row.TradeDate, row.Close, row.Pe, row.PeTtm, row.Pb, row.Ps,
        row.TurnoverRate, row.VolumeRatio, row.Volume, row.TotalShare, row.FloatShare, row.TotalMv, row.CircMv);
}

/// <summary>One row of <c>stock_daily_basic</c> as served.</summary>
[ImmutableObject(true)]
internal sealed record DailyBasicView(
    string Code,
    string TradeDate,
    string Source,
    bool Synthetic,
    double? Close,
    double? TurnoverRate,
    double? VolumeRatio,
    double? Volume,
    double? Pe,
    double? PeTtm,
    double? Pb,
    double? Ps,
    double? TotalShare,
    double? FloatShare,
    double? TotalMv,
    double? CircMv,
    DateTimeOffset UpdatedAt)
{
    public static DailyBasicView From(DailyBasic row) => new(
        row.Code, row.TradeDate, row.Source, SourcePriority.IsSynthetic(row.Source), row.Close, row.TurnoverRate, row.VolumeRatio,
        row.Volume, row.Pe, row.PeTtm, row.Pb, row.Ps, row.TotalShare, row.FloatShare, row.TotalMv, row.CircMv, row.UpdatedAt);
}

/// <summary>A page of the stock list: <c>{items, total, page, page_size}</c>.</summary>
[ImmutableObject(true)]
internal sealed record StockPage(IReadOnlyList<StockView> Items, long Total, int Page, int PageSize);

/// <summary><c>GET /api/stocks/{code}</c>: the record of every source side by side (best first), the latest daily
/// basic and the latest consistency verdict when one exists.</summary>
[ImmutableObject(true)]
internal sealed record StockDetail(
    string Code,
    string FullSymbol,
    string Name,
    string? Market,
    string BestSource,
    bool Synthetic,
    IReadOnlyList<StockView> Sources,
    DailyBasicView? LatestDailyBasic,
    ConsistencyVerdict? Consistency);

/// <summary>What the detail cache holds, so an unknown code is cached as such too.</summary>
[ImmutableObject(true)]
internal sealed record StockDetailEntry(StockDetail? Detail);

/// <summary><c>GET /api/stocks/{code}/daily_basic</c>: the stored rows in the range (YYYY-MM-DD), oldest first.</summary>
[ImmutableObject(true)]
internal sealed record DailySeries(string Code, string StartDate, string EndDate, IReadOnlyList<DailyBasicView> Items);

/// <summary>What the daily cache holds: null series when the code is unknown.</summary>
[ImmutableObject(true)]
internal sealed record DailySeriesEntry(DailySeries? Series);
