using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>One trade date of one run: what it reported storing, what is present now for its sources.</summary>
public sealed record RunDateVerdict(string TradeDate, long Reported, long Present, OutputShortfall? Shortfall, double? DelaySeconds)
{
    public long Missing => Math.Max(0, Reported - Present);
}

/// <summary>A successful run's output: complete when it covered at least one trade date and none falls short.</summary>
public sealed record RunVerdict(SyncStats Run, IReadOnlyList<RunDateVerdict> Dates)
{
    public bool CoversTradeDates => Dates.Count > 0;

    public bool Complete => CoversTradeDates && Dates.All(d => d.Shortfall is null);
}

/// <summary>One trade date over every selected run that covered it: expected = the most rows any of them reported,
/// present = rows stored now from their daily sources (every source when one of them recorded none).</summary>
public sealed record TradeDateVerdict(string TradeDate, long Expected, long Present, IReadOnlyList<string>? Sources, IReadOnlyList<string> RunIds)
{
    public OutputShortfall? Shortfall => Expected == 0 ? OutputShortfall.NoOutput : Present < Expected ? OutputShortfall.Short : null;

    public long Missing => Math.Max(0, Expected - Present);
}

/// <summary>The definitions of "complete output", applied to runs and to trade dates.</summary>
public static class OutputJudge
{
    /// <summary>Each trade date in <see cref="SyncStats.RowsByDate"/>: no_output when the run reported 0 rows,
    /// short when fewer rows are present now than it reported, else complete.</summary>
    public static RunVerdict Judge(SyncStats run, StoredOutput stored)
    {
        var sources = DailyRunOutputs.DailySources(run);
        var dates = run.RowsByDate.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d =>
        {
            var present = stored.Present(d.Key, sources);
            OutputShortfall? shortfall = d.Value == 0 ? OutputShortfall.NoOutput : present < d.Value ? OutputShortfall.Short : null;
            return new RunDateVerdict(d.Key, d.Value, present, shortfall, DelaySeconds(run, d.Key, present, sources, stored));
        }).ToList();
        return new RunVerdict(run, dates);
    }

    /// <summary>Trade dates (optionally only those <paramref name="include"/> accepts) over every run that covered them.</summary>
    public static IReadOnlyList<TradeDateVerdict> ByTradeDate(IEnumerable<SyncStats> runs, StoredOutput stored, Func<string, bool>? include = null)
    {
        var coverage = runs
            .SelectMany(run => run.RowsByDate.Select(d => (Date: d.Key, Reported: d.Value, Run: run)))
            .Where(x => include is null || include(x.Date))
            .GroupBy(x => x.Date, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var verdicts = new List<TradeDateVerdict>();
        foreach (var date in coverage)
        {
            var perRun = date.Select(x => DailyRunOutputs.DailySources(x.Run)).ToList();
            IReadOnlyList<string>? sources = perRun.Any(s => s is null)
                ? null
                : perRun.SelectMany(s => s!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            verdicts.Add(new TradeDateVerdict(date.Key, date.Max(x => x.Reported), stored.Present(date.Key, sources), sources,
                date.Select(x => x.Run.TaskId).Distinct(StringComparer.Ordinal).ToList()));
        }

        return verdicts;
    }

    private static double? DelaySeconds(SyncStats run, string tradeDate, long present, IReadOnlyCollection<string>? sources, StoredOutput stored)
        => present > 0 && run.FinishedAt is { } finished && stored.NewestUpdate(tradeDate, sources) is { } newest
            ? Math.Max(0, (newest - finished).TotalSeconds)
            : null;
}
