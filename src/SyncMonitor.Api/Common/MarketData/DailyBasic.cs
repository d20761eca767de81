namespace SyncMonitor.Api.Common.MarketData;

/// <summary>Daily fundamentals of one stock on one trade date from one source (a row of
/// <c>stock_daily_basic</c>, keyed by code + trade_date + source). Market values in 亿元, shares in 万股.</summary>
public sealed record DailyBasic
{
    public required string Code { get; init; }

    public required string TradeDate { get; init; }

    public required string Source { get; init; }

    public double? Close { get; init; }

    public double? TurnoverRate { get; init; }

    public double? VolumeRatio { get; init; }

    public double? Volume { get; init; }

    public double? Pe { get; init; }

    public double? PeTtm { get; init; }

    public double? Pb { get; init; }

    public double? Ps { get; init; }

    public double? TotalShare { get; init; }

    public double? FloatShare { get; init; }

    public double? TotalMv { get; init; }

    public double? CircMv { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One day of an exchange's calendar (<c>trade_calendar</c>).</summary>
public sealed record TradeDay(string Exchange, string CalDate, bool IsOpen);
