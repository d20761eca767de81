using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.UnitTests.Consistency;

/// <summary>Stock rows for the checker and quality tests: every compared metric set to round values by default.</summary>
internal static class Rows
{
    public static readonly DateTimeOffset Now = new(2025, 3, 5, 12, 0, 0, TimeSpan.Zero);

    public static StockBasic Stock(string code, string source = "a", double? pe = 20, double? pb = 2, double? totalMv = 100,
        double? close = 10, double? volume = 1000, double? turnoverRate = 1)
    {
        var parsed = StockCode.Parse(code);
        return new StockBasic
        {
            Code = parsed.Code,
            Symbol = parsed.Code,
            Name = "测试" + parsed.Code,
            Market = parsed.Board,
            ListDate = "20100104",
            Sse = parsed.ExchangeName,
            FullSymbol = parsed.FullSymbol,
            Source = source,
            UpdatedAt = Now,
            TradeDate = "20250305",
            Pe = pe,
            Pb = pb,
            TotalMv = totalMv,
            CircMv = totalMv is { } mv ? mv / 2 : null,
            Close = close,
            Volume = volume,
            TurnoverRate = turnoverRate,
        };
    }
}
