using System.Globalization;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Trade dates as the store keeps them (<c>YYYYMMDD</c>, Asia/Shanghai calendar) and the forms sources use.</summary>
public static class TradeDates
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly string[] AcceptedForms = ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd"];

    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary><c>YYYY-MM-DD</c>, the form BaoStock and AKShare use.</summary>
    public static string FormatDashed(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai).DateTime);

    /// <summary>Parses <c>YYYYMMDD</c>, <c>YYYY-MM-DD</c> or an ISO timestamp whose date part is one of those.</summary>
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

        return DateOnly.TryParseExact(value, AcceptedForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A caller's <c>YYYYMMDD</c> argument; a malformed one is a programming error, not a source failure.</summary>
    public static DateOnly ParseArgument(string yyyymmdd, string parameterName)
        => DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"'{yyyymmdd}' is not a YYYYMMDD date.", parameterName);
}
