using System.Globalization;

namespace SyncMonitor.Api.Common.MarketData;

/// <summary>Trade dates are <c>YYYYMMDD</c> strings in the Asia/Shanghai calendar (SPEC §2).</summary>
public static class TradeDates
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai).DateTime);

    private static readonly string[] SourceForms = ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd"];

    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary><c>YYYY-MM-DD</c>, the form BaoStock and AKShare use.</summary>
    public static string FormatDashed(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses a source's date: <c>YYYYMMDD</c>, <c>YYYY-MM-DD</c>, <c>YYYY/MM/DD</c> or an ISO timestamp whose
    /// date part is one of those.</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        if (value.Length > 10 && value[10] is 'T' or ' ')
        {
            value = value[..10];
        }

        return DateOnly.TryParseExact(value, SourceForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A caller's <c>YYYYMMDD</c> argument; a malformed one is a programming error, not a source failure.</summary>
    public static DateOnly ParseArgument(string yyyymmdd, string parameterName)
        => DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"'{yyyymmdd}' is not a YYYYMMDD date.", parameterName);

    public static DateOnly Parse(string yyyymmdd) => DateOnly.ParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Parses an API date (<c>YYYY-MM-DD</c>, also accepting <c>YYYYMMDD</c>).</summary>
    public static bool TryParseApiDate(string? value, out DateOnly date)
        => DateOnly.TryParseExact(value?.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The earliest date any endpoint takes (SPEC §9): the market data this service syncs starts there.</summary>
    public static readonly DateOnly Earliest = new(1990, 1, 1);

    /// <summary>Null when <paramref name="date"/> is between 1990-01-01 and <paramref name="today"/> (Asia/Shanghai);
    /// else the message naming <paramref name="field"/>.</summary>
    public static string? OutOfRange(DateOnly date, DateOnly today, string field)
        => date < Earliest || date > today
            ? $"{field} must be between {FormatDashed(Earliest)} and today ({FormatDashed(today)}, Asia/Shanghai)."
            : null;

    /// <summary>Every calendar day from start to end inclusive.</summary>
    public static IEnumerable<DateOnly> Days(DateOnly start, DateOnly end)
    {
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
