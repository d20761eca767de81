namespace SyncMonitor.Api.Common.MarketData;

/// <summary>One stock as one source reports it (a row of <c>stock_basic_info</c>, keyed by code + source).
/// Units are normalized: market values in 亿元, shares in 万股, dates <c>YYYYMMDD</c>.</summary>
public sealed record StockBasic
{
    public required string Code { get; init; }

    public required string Symbol { get; init; }

    public required string Name { get; init; }

    public string? Area { get; init; }

    public string? Industry { get; init; }

    /// <summary>Board: 主板 / 创业板 / 科创板 / 北交所.</summary>
    public string? Market { get; init; }

    public string? ListDate { get; init; }

    /// <summary>Exchange name: 上海证券交易所 / 深圳证券交易所 / 北京证券交易所.</summary>
    public string? Sse { get; init; }

    public required string FullSymbol { get; init; }

    /// <summary>Security category (e.g. stock_cn).</summary>
    public string? Category { get; init; }

    public required string Source { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Trade date the fundamentals below belong to.</summary>
    public string? TradeDate { get; init; }

    public double? Close { get; init; }

    public double? Pe { get; init; }

    public double? PeTtm { get; init; }

    public double? Pb { get; init; }

    public double? Ps { get; init; }

    public double? TurnoverRate { get; init; }

    public double? VolumeRatio { get; init; }

    /// <summary>Traded volume (shares) where the source reports it; compared by the consistency checker.</summary>
    public double? Volume { get; init; }

    /// <summary>万股.</summary>
    public double? TotalShare { get; init; }

    /// <summary>万股.</summary>
    public double? FloatShare { get; init; }

    /// <summary>亿元.</summary>
    public double? TotalMv { get; init; }

    /// <summary>亿元.</summary>
    public double? CircMv { get; init; }

    /// <summary>Copies the fundamentals of a daily-basic row onto this listing.</summary>
    public StockBasic WithFundamentals(DailyBasic daily) => this with
    {
        TradeDate = daily.TradeDate,
        Close = daily.Close,
        Pe = daily.Pe,
        PeTtm = daily.PeTtm,
        Pb = daily.Pb,
        Ps = daily.Ps,
        TurnoverRate = daily.TurnoverRate,
        VolumeRatio = daily.VolumeRatio,
        Volume = daily.Volume ?? Volume,
        TotalShare = daily.TotalShare,
        FloatShare = daily.FloatShare,
        TotalMv = daily.TotalMv,
        CircMv = daily.CircMv,
    };
}
