using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>What <c>stock_daily_basic</c> holds now for a set of trade dates: rows and newest update per source,
/// and codes stored under several sources.</summary>
public sealed class StoredOutput
{
    private readonly ILookup<string, DailyBasicDateSummary> _byDate;
    private readonly IReadOnlyDictionary<string, long> _severalSources;

    public StoredOutput(IEnumerable<DailyBasicDateSummary> summaries, IReadOnlyDictionary<string, long>? severalSources = null)
    {
        _byDate = summaries.ToLookup(s => s.TradeDate, StringComparer.Ordinal);
        _severalSources = severalSources ?? new Dictionary<string, long>();
    }

    public static StoredOutput Empty { get; } = new([]);

    /// <summary>Rows present for the date from these sources, or from every source when <paramref name="sources"/> is null.</summary>
    public long Present(string tradeDate, IReadOnlyCollection<string>? sources)
        => Matching(tradeDate, sources).Sum(s => s.Rows);

    public DateTimeOffset? NewestUpdate(string tradeDate, IReadOnlyCollection<string>? sources)
        => Matching(tradeDate, sources).Select(s => (DateTimeOffset?)s.NewestUpdatedAt).Max();

    public IReadOnlyList<string> SourcesOn(string tradeDate) => _byDate[tradeDate].Select(s => s.Source).Order(StringComparer.Ordinal).ToList();

    public long CodesInSeveralSources(string tradeDate) => _severalSources.GetValueOrDefault(tradeDate);

    private IEnumerable<DailyBasicDateSummary> Matching(string tradeDate, IReadOnlyCollection<string>? sources)
        => _byDate[tradeDate].Where(s => sources is null || sources.Contains(s.Source, StringComparer.Ordinal));
}
