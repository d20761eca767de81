using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>The filters shared by list and export, as the query strings arrive (parsed here, so that every bad
/// value is a 400 naming its field).</summary>
internal sealed class OperationLogFilterQuery
{
    [FromQuery(Name = "start_date")]
    public string? StartDate { get; init; }

    [FromQuery(Name = "end_date")]
    public string? EndDate { get; init; }

    [FromQuery(Name = "action_type")]
    public string? ActionType { get; init; }

    [FromQuery(Name = "success")]
    public string? Success { get; init; }

    [FromQuery(Name = "keyword")]
    public string? Keyword { get; init; }

    [FromQuery(Name = "user_id")]
    public string? UserId { get; init; }
}

internal static partial class OperationLogQueryParser
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 20;

    public static OperationLogFilter ParseFilter(OperationLogFilterQuery query, DateOnly today, ValidationErrors errors)
    {
        var from = ParseBound(query.StartDate, "start_date", isEnd: false, today, errors);
        var until = ParseBound(query.EndDate, "end_date", isEnd: true, today, errors);
        if (from is not null && until is not null && from >= until)
        {
            errors.Add("start_date", "start_date must not be after end_date.");
        }

        bool? success = null;
        if (!string.IsNullOrWhiteSpace(query.Success))
        {
            if (bool.TryParse(query.Success.Trim(), out var parsed))
            {
                success = parsed;
            }
            else
            {
                errors.Add("success", "success must be true or false.");
            }
        }

        return new OperationLogFilter
        {
            From = from,
            Until = until,
            ActionType = Text(query.ActionType, "action_type", 50, errors),
            Success = success,
            Keyword = Text(query.Keyword, "keyword", 200, errors, trim: false),
            UserId = Text(query.UserId, "user_id", 100, errors),
        };
    }

    public static int ParseInt(string? value, string field, int fallback, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors.Add(field, $"{field} must be an integer between {min} and {max}.");
        return fallback;
    }

    /// <summary><c>YYYY-MM-DD</c> (a whole day of the operators' calendar, Asia/Shanghai — as the stats group by
    /// day: from its start, or until its end) or an ISO-8601 time (UTC unless it carries an offset; an end time is
    /// inclusive). Either must fall between 1990-01-01 and <paramref name="today"/> (Asia/Shanghai).</summary>
    public static DateTimeOffset? ParseBound(string? value, string field, bool isEnd, DateOnly today, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (TradeDates.OutOfRange(day, today, field) is { } problem)
            {
                errors.Add(field, problem);
                return null;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue);
            var start = new DateTimeOffset(midnight, TradeDates.Shanghai.GetUtcOffset(midnight)).ToUniversalTime();
            return isEnd ? start.AddDays(1) : start;
        }

        if (IsoTime().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            // The day as written (before any offset is applied), so year 0001 or 9999 never reaches the arithmetic.
            if (TradeDates.OutOfRange(DateOnly.FromDateTime(time.UtcDateTime), today.AddDays(1), field) is not null)
            {
                errors.Add(field, TradeDates.OutOfRange(DateOnly.MinValue, today, field)!);
                return null;
            }

            return isEnd ? time.AddTicks(1) : time;
        }

        errors.Add(field, $"{field} must be a date (YYYY-MM-DD) or an ISO-8601 time.");
        return null;
    }

    private static string? Text(string? value, string field, int maxLength, ValidationErrors errors, bool trim = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = trim ? value.Trim() : value;
        if (text.Length <= maxLength)
        {
            return text;
        }

        errors.Add(field, $"{field} must be at most {maxLength} characters.");
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();
}
