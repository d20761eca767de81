using System.Globalization;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary>The demo trade calendar: weekdays minus a fixed list of exchange holidays (2024–2027).</summary>
public static class DemoCalendar
{
    private static readonly HashSet<DateOnly> Holidays = Expand(
    [
        ("20240101", 1), ("20240209", 8), ("20240404", 3), ("20240501", 5), ("20240610", 1), ("20240916", 2), ("20241001", 7),
        ("20250101", 1), ("20250128", 8), ("20250404", 3), ("20250501", 5), ("20250602", 1), ("20251001", 8),
        ("20260101", 3), ("20260216", 8), ("20260406", 1), ("20260501", 5), ("20260619", 1), ("20260925", 1), ("20261001", 7),
        ("20270101", 1), ("20270205", 9), ("20270405", 1), ("20270501", 5), ("20270609", 1), ("20270915", 1), ("20271001", 7),
    ]);

    public static bool IsTradeDay(DateOnly date)
        => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(date);

    public static IReadOnlyList<TradeDay> Range(DateOnly start, DateOnly end)
    {
        var days = new List<TradeDay>();
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            days.Add(new TradeDay("SSE", Format(day), IsTradeDay(day)));
        }

        return days;
    }

    /// <summary>The newest trade day on or before <paramref name="date"/>.</summary>
    public static DateOnly LatestTradeDayOnOrBefore(DateOnly date)
    {
        while (!IsTradeDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string yyyymmdd) => DateOnly.ParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static HashSet<DateOnly> Expand(IEnumerable<(string Start, int Days)> ranges)
        => ranges.SelectMany(r => Enumerable.Range(0, r.Days).Select(i => ParseDate(r.Start).AddDays(i))).ToHashSet();
}
