using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>Reads what integrity checks and compensation judge: the daily runs (jobs <c>daily_basic</c> and
/// <c>nightly</c>) from <c>sync_status</c>, and what the store holds now for their trade dates.</summary>
public sealed class DailyRunOutputs(ISyncRunReader runs, IDailyBasicStore store)
{
    public const int PageSize = 200;

    public static IReadOnlyList<string> DailyJobs { get; } = [DailyBasicWork.JobName, SyncWorkFactory.NightlyJob];

    public static bool IsDailyJob(string job) => DailyJobs.Contains(job, StringComparer.Ordinal);

    public static bool IsSuccessful(SyncStats run) => run.Status is SyncRunStatus.Success or SyncRunStatus.SuccessWithErrors;

    /// <summary>The sources a run used for daily data (<c>daily_data:{source}</c>); null when it recorded none,
    /// which then means "every source".</summary>
    public static IReadOnlyList<string>? DailySources(SyncStats run)
    {
        const string Prefix = "daily_data:";
        var sources = run.DataSourcesUsed
            .Where(s => s.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(s => s[Prefix.Length..])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return sources.Count == 0 ? null : sources;
    }

    /// <summary>Successful daily runs started at or after <paramref name="from"/> (any time when null), newest first,
    /// at most <paramref name="max"/> (Truncated tells whether more exist).</summary>
    public async Task<(IReadOnlyList<SyncStats> Runs, bool Truncated)> ListSuccessfulAsync(DateTimeOffset? from, int max, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SyncStats>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var job in DailyJobs)
        {
            for (var page = 1; ; page++)
            {
                var (items, _) = await runs.ListAsync(new SyncRunQuery(page, PageSize, Job: job, StartedFrom: from), cancellationToken);
                foreach (var run in items.Where(IsSuccessful))
                {
                    found.TryAdd(run.TaskId, run);
                }

                if (found.Count > max)
                {
                    truncated = true;
                    break;
                }

                if (items.Count < PageSize)
                {
                    break;
                }
            }
        }

        var newest = found.Values.OrderByDescending(r => r.StartedAt).ThenBy(r => r.TaskId, StringComparer.Ordinal).Take(max).ToList();
        return (newest, truncated);
    }

    /// <summary>What the store holds now for every trade date the runs reported (that <paramref name="include"/>
    /// accepts, when given). Codes in several sources are
    /// counted only for dates where more than one source has rows (usually none, so no extra query).</summary>
    public async Task<StoredOutput> ReadStoredAsync(IEnumerable<SyncStats> forRuns, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        var dates = forRuns.SelectMany(r => r.RowsByDate.Keys)
            .Where(d => include is null || include(d))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (dates.Count == 0)
        {
            return StoredOutput.Empty;
        }

        var summaries = await store.SummarizeTradeDatesAsync(dates, cancellationToken);
        var overlapping = summaries.GroupBy(s => s.TradeDate, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var several = overlapping.Count == 0
            ? new Dictionary<string, long>()
            : await store.CountCodesInSeveralSourcesAsync(overlapping, cancellationToken);
        return new StoredOutput(summaries, several);
    }
}
