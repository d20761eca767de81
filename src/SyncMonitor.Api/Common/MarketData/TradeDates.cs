using System.Globalization;

namespace SyncMonitor.Api.Common.MarketData;

/// <summary>Trade dates are <c>YYYYMMDD</c> strings in the Asia/Shanghai calendar (SPEC §2).</summary>
public static class TradeDates
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai).DateTime);

    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string yyyymmdd) => DateOnly.ParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Parses an API date (<c>YYYY-MM-DD</c>, also accepting <c>YYYYMMDD</c>).</summary>
    public static bool TryParseApiDate(string? value, out DateOnly date)
        => DateOnly.TryParseExact(value?.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Every calendar day from start to end inclusive.</summary>
    public static IEnumerable<DateOnly> Days(DateOnly start, DateOnly end)
    {
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
