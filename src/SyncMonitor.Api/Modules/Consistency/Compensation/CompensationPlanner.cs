using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>What a compensation would re-sync: the trade dates with missing or short output (as the integrity
/// checks define it) among the selected runs, oldest first, at most <c>max_tasks</c> of them.</summary>
internal sealed record CompensationPlan(IReadOnlyList<CompensationDate> Dates, int DatesNotIncluded)
{
    public long MissingRows => Dates.Sum(d => d.Missing);
}

/// <summary>Selects the runs (successful daily runs that covered a date in the range, or the given daily runs),
/// judges their trade dates against the store and plans the dates to re-sync. Reads only.</summary>
internal sealed class CompensationPlanner(DailyRunOutputs outputs, ISyncRunReader runs)
{
    /// <summary>More runs than a year of nightly and batch runs; a range plan reads at most this many.</summary>
    public const int MaxRunsPerPlan = 20_000;

    public async Task<CompensationPlan> PlanAsync(CompensationScope scope, CancellationToken cancellationToken)
    {
        var (selected, include) = scope.RunIds.Count > 0
            ? (await RunsByIdAsync(scope.RunIds, cancellationToken), (Func<string, bool>?)null)
            : (await RunsForRangeAsync(cancellationToken), InRange(scope.StartDate!, scope.EndDate!));
        var stored = await outputs.ReadStoredAsync(selected, include, cancellationToken);
        var failing = OutputJudge.ByTradeDate(selected, stored, include).Where(d => d.Shortfall is not null).ToList();
        return new CompensationPlan(
            failing.Take(scope.MaxTasks).Select(CompensationDate.From).ToList(),
            Math.Max(0, failing.Count - scope.MaxTasks));
    }

    /// <summary>Every successful daily run, newest first: a run's start says nothing about which trade dates it
    /// covered (a batch can back-fill any range, and a file source can carry any date).</summary>
    private async Task<IReadOnlyList<SyncStats>> RunsForRangeAsync(CancellationToken cancellationToken)
        => (await outputs.ListSuccessfulAsync(from: null, MaxRunsPerPlan, cancellationToken)).Runs;

    /// <summary>Every id must be a finished daily run (any final status: a failed run's stored dates count too).</summary>
    private async Task<IReadOnlyList<SyncStats>> RunsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<SyncStats>();
        var unknown = new List<string>();
        var notDaily = new List<string>();
        var running = new List<string>();
        foreach (var id in ids)
        {
            var run = await runs.GetAsync(id, cancellationToken);
            if (run is null)
            {
                unknown.Add(id);
            }
            else if (!DailyRunOutputs.IsDailyJob(run.Job))
            {
                notDaily.Add(id);
            }
            else if (!run.IsFinished)
            {
                running.Add(id);
            }
            else
            {
                found.Add(run);
            }
        }

        var problems = new List<string>();
        Describe(problems, unknown, "No such run");
        Describe(problems, notDaily, $"Not a daily run (jobs {string.Join(", ", DailyRunOutputs.DailyJobs)})");
        Describe(problems, running, "Still running");
        return problems.Count > 0 ? throw new ValidationException("run_ids", string.Join(" ", problems)) : found;
    }

    private static void Describe(List<string> problems, List<string> ids, string what)
    {
        if (ids.Count > 0)
        {
            problems.Add($"{what}: {string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? $" and {ids.Count - 10} more" : string.Empty)}.");
        }
    }

    private static Func<string, bool> InRange(string start, string end)
        => date => string.CompareOrdinal(date, start) >= 0 && string.CompareOrdinal(date, end) <= 0;
}
