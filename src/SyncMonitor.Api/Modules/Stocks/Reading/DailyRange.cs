using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

/// <summary>The <c>daily_basic</c> range: <c>end_date</c> defaults to today (Asia/Shanghai), <c>start_date</c> to
/// 29 days before <c>end_date</c> (30 days in all); both inclusive, at most 366 days apart.</summary>
internal static class DailyRange
{
    public static (DateOnly Start, DateOnly End) Parse(string? startDate, string? endDate, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var end = today;
        if (!string.IsNullOrWhiteSpace(endDate))
        {
            if (TradeDates.TryParseApiDate(endDate, out var parsed) && TradeDates.OutOfRange(parsed, today, "end_date") is { } problem)
            {
                errors["end_date"] = [problem];
            }
            else if (TradeDates.TryParseApiDate(endDate, out parsed))
            {
                end = parsed;
            }
            else
            {
                errors["end_date"] = ["end_date must be a date in the form YYYY-MM-DD."];
            }
        }

        var start = end.DayNumber >= StocksApiPaths.DefaultDailyDays ? end.AddDays(-(StocksApiPaths.DefaultDailyDays - 1)) : end;
        if (!string.IsNullOrWhiteSpace(startDate))
        {
            if (TradeDates.TryParseApiDate(startDate, out var parsed) && TradeDates.OutOfRange(parsed, today, "start_date") is { } problem)
            {
                errors["start_date"] = [problem];
            }
            else if (TradeDates.TryParseApiDate(startDate, out parsed))
            {
                start = parsed;
            }
            else
            {
                errors["start_date"] = ["start_date must be a date in the form YYYY-MM-DD."];
            }
        }

        if (errors.Count == 0 && start > end)
        {
            errors["start_date"] = ["start_date must not be after end_date."];
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber > StocksApiPaths.MaxDailyRangeDays)
        {
            errors["end_date"] = [$"The range must not exceed {StocksApiPaths.MaxDailyRangeDays} days."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : (start, end);
    }
}
