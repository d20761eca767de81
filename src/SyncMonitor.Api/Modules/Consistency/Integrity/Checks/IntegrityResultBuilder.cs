using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>Turns the checked runs and what the store holds into a result: rates, bands, rows, delay, duplicates,
/// failures and (deep) the trend. Pure: no I/O, no clock.</summary>
public static class IntegrityResultBuilder
{
    public const int MaxFailuresListed = 100;
    public const string NoRunsNote = "no_runs";

    public static IntegrityCheckResult Build(
        string id, IntegrityCheckType type, DateTimeOffset checkedAt, IReadOnlyList<SyncStats> runs, StoredOutput stored, bool runsTruncated)
    {
        var windowStart = checkedAt - type.Window();
        var verdicts = runs.Select(r => OutputJudge.Judge(r, stored)).ToList();
        var judged = verdicts.Where(v => v.CoversTradeDates).ToList();
        var complete = judged.Count(v => v.Complete);
        var dates = OutputJudge.ByTradeDate(judged.Select(v => v.Run), stored);
        var rate = IntegrityBands.Rate(complete, judged.Count);
        var failures = judged
            .SelectMany(v => v.Dates.Where(d => d.Shortfall is not null).Select(d => Failure(v.Run, d)))
            .OrderBy(f => f.TradeDate, StringComparer.Ordinal).ThenBy(f => f.TaskId, StringComparer.Ordinal)
            .ToList();
        var delays = judged.SelectMany(v => v.Dates).Select(d => d.DelaySeconds).OfType<double>().ToList();
        return new IntegrityCheckResult
        {
            Id = id,
            Type = type,
            CheckedAt = checkedAt,
            WindowStart = windowStart,
            Health = IntegrityBands.HealthOf(rate),
            Level = IntegrityBands.LevelOf(rate),
            Note = judged.Count == 0 ? NoRunsNote : null,
            CompletionRate = rate,
            SuccessfulRuns = judged.Count,
            RunsWithCompleteOutput = complete,
            RunsWithoutTradeDates = verdicts.Count - judged.Count,
            TradeDatesChecked = dates.Count,
            TradeDatesWithCompleteOutput = dates.Count(d => d.Shortfall is null),
            TradeDateCompletionRate = IntegrityBands.Rate(dates.Count(d => d.Shortfall is null), dates.Count),
            AvgRowsReportedPerRun = judged.Count == 0 ? 0 : judged.Average(v => (double)v.Dates.Sum(d => d.Reported)),
            AvgRowsPresentPerRun = judged.Count == 0 ? 0 : judged.Average(v => (double)v.Dates.Sum(d => d.Present)),
            OutputDelay = new OutputDelay
            {
                Measured = delays.Count,
                AvgSeconds = delays.Count == 0 ? 0 : delays.Average(),
                MaxSeconds = delays.Count == 0 ? 0 : delays.Max(),
            },
            Duplicates = Duplicates(dates, stored),
            Failures = failures.Take(MaxFailuresListed).ToList(),
            FailuresTotal = failures.Count,
            RunsTruncated = runsTruncated,
            Trend = type == IntegrityCheckType.Deep ? Trend(judged, windowStart, checkedAt) : null,
        };
    }

    /// <summary>Per Asia/Shanghai day of the runs' start, over the whole window (days without runs are listed with
    /// 0 runs but left out of the slope).</summary>
    public static CompletionTrend Trend(IReadOnlyList<RunVerdict> judged, DateTimeOffset windowStart, DateTimeOffset checkedAt)
    {
        var firstDay = ShanghaiDay(windowStart);
        var byDay = judged.Where(v => v.Run.StartedAt is not null).ToLookup(v => ShanghaiDay(v.Run.StartedAt!.Value));
        var days = TradeDates.Days(firstDay, ShanghaiDay(checkedAt)).Select(day =>
        {
            var runs = byDay[day].ToList();
            var complete = runs.Count(v => v.Complete);
            return new DailyCompletion
            {
                Day = TradeDates.FormatDashed(day),
                Runs = runs.Count,
                Complete = complete,
                CompletionRate = IntegrityBands.Rate(complete, runs.Count),
            };
        }).ToList();
        var trend = CompletionTrend.From(days.Where(d => d.Runs > 0).ToList(), firstDay);
        return trend with { Days = days };
    }

    private static DuplicateOutput Duplicates(IReadOnlyList<TradeDateVerdict> dates, StoredOutput stored)
    {
        var unexpected = dates
            .Where(d => d.Sources is [_] && stored.CodesInSeveralSources(d.TradeDate) > 0)
            .Select(d => new DuplicateDate
            {
                TradeDate = d.TradeDate,
                Codes = stored.CodesInSeveralSources(d.TradeDate),
                ExpectedSource = d.Sources![0],
                StoredSources = stored.SourcesOn(d.TradeDate),
            })
            .ToList();
        return new DuplicateOutput { Codes = unexpected.Sum(d => d.Codes), Dates = unexpected };
    }

    private static OutputFailure Failure(SyncStats run, RunDateVerdict date) => new()
    {
        TaskId = run.TaskId,
        Job = run.Job,
        TradeDate = date.TradeDate,
        Reason = date.Shortfall!.Value,
        Reported = date.Reported,
        Present = date.Present,
        Missing = date.Missing,
        FinishedAt = run.FinishedAt,
    };

    /// <summary>The Asia/Shanghai calendar day of an instant (trend days, result file names).</summary>
    public static DateOnly ShanghaiDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TradeDates.Shanghai).DateTime);
}
