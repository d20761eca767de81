using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Tasks;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary><c>POST /api/monitoring/compensation</c>: either <c>{start_date, end_date}</c> (YYYY-MM-DD, trade dates)
/// or <c>{run_ids}</c>, with <c>batch_size</c>, <c>max_tasks</c> and <c>dry_run</c>.</summary>
internal sealed record CompensationRequest(
    string? StartDate,
    string? EndDate,
    IReadOnlyList<string>? RunIds,
    int? BatchSize,
    int? MaxTasks,
    bool? DryRun)
{
    public const int MaxRangeDays = 366;

    private DateOnly _today;
    public const int MaxRunIds = 100;
    public const int DefaultBatchSize = 500;
    public const int MaxBatchSize = 5000;
    public const int DefaultMaxTasks = 10;
    public const int MaxMaxTasks = 100;

    /// <summary>Every field checked at once; the errors name each bad field.</summary>
    public CompensationScope Validate(DateOnly? today = null)
    {
        _today = today ?? TradeDates.Today(TimeProvider.System);
        var errors = new Dictionary<string, string[]>();
        var hasRange = StartDate is not null || EndDate is not null;
        var hasRuns = RunIds is { Count: > 0 };
        string? start = null, end = null;
        if (hasRange && hasRuns)
        {
            errors["run_ids"] = ["Give either start_date/end_date or run_ids, not both."];
        }
        else if (!hasRange && !hasRuns)
        {
            errors["start_date"] = ["Give start_date and end_date (YYYY-MM-DD), or run_ids."];
        }
        else if (hasRange)
        {
            (start, end) = ValidateRange(errors);
        }
        else
        {
            ValidateRunIds(errors);
        }

        var batchSize = BatchSize ?? DefaultBatchSize;
        if (batchSize is < 1 or > MaxBatchSize)
        {
            errors["batch_size"] = [$"batch_size must be between 1 and {MaxBatchSize}."];
        }

        var maxTasks = MaxTasks ?? DefaultMaxTasks;
        if (maxTasks is < 1 or > MaxMaxTasks)
        {
            errors["max_tasks"] = [$"max_tasks must be between 1 and {MaxMaxTasks}."];
        }

        return errors.Count > 0
            ? throw new ValidationException(errors)
            : new CompensationScope
            {
                StartDate = start,
                EndDate = end,
                RunIds = hasRuns ? RunIds!.Distinct(StringComparer.Ordinal).ToList() : [],
                BatchSize = batchSize,
                MaxTasks = maxTasks,
            };
    }

    private (string? Start, string? End) ValidateRange(Dictionary<string, string[]> errors)
    {
        if (!TradeDates.TryParseApiDate(StartDate, out var start))
        {
            errors["start_date"] = ["start_date is required as YYYY-MM-DD."];
        }
        else if (TradeDates.OutOfRange(start, _today, "start_date") is { } startProblem)
        {
            errors["start_date"] = [startProblem];
        }

        if (!TradeDates.TryParseApiDate(EndDate, out var end))
        {
            errors["end_date"] = ["end_date is required as YYYY-MM-DD."];
        }
        else if (TradeDates.OutOfRange(end, _today, "end_date") is { } endProblem)
        {
            errors["end_date"] = [endProblem];
        }

        if (errors.Count > 0)
        {
            return (null, null);
        }

        if (start > end)
        {
            errors["start_date"] = ["start_date must not be after end_date."];
        }
        else if (end.DayNumber - start.DayNumber + 1 > MaxRangeDays)
        {
            errors["end_date"] = [$"The range may cover at most {MaxRangeDays} days."];
        }

        return (TradeDates.Format(start), TradeDates.Format(end));
    }

    private void ValidateRunIds(Dictionary<string, string[]> errors)
    {
        if (RunIds!.Count > MaxRunIds)
        {
            errors["run_ids"] = [$"At most {MaxRunIds} run ids per compensation."];
        }
        else if (RunIds.Where(id => !TaskIdFormat.IsValid(id)).Select(id => id ?? "null").FirstOrDefault() is { } bad)
        {
            errors["run_ids"] = [$"'{(bad.Length > 40 ? bad[..40] + "…" : bad)}' is not a task id: {TaskIdFormat.Description}"];
        }
    }
}
