using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary>Everything one quality computation looks at. <see cref="OpenDays"/> are the calendar's open days
/// (YYYYMMDD, ascending) of the last weeks up to today, or null when no calendar could be read.</summary>
public sealed record QualityInput(
    IReadOnlyDictionary<string, IReadOnlyList<StockBasic>> RowsBySource,
    IReadOnlySet<string> SyntheticSources,
    DateTimeOffset Now,
    IReadOnlyList<string>? OpenDays,
    int MaxAgeHours,
    int MaxTradeDaysBehind);

/// <summary>Computes the data-quality report (SPEC §6.3) from rows already read. Pure, so every rule is unit-tested.</summary>
public static class DataQualityCalculator
{
    private const int Samples = 5;

    public static DataQualityReport Compute(QualityInput input)
    {
        var lastTradeDate = input.OpenDays is { Count: > 0 } days ? days[^1] : null;
        var sources = input.RowsBySource
            .Where(s => s.Value.Count > 0)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => ForSource(s.Key, s.Value, input))
            .ToList();
        return new DataQualityReport(input.Now, lastTradeDate, Overall(sources, FullSymbolConflictsOf(input.RowsBySource)), sources);
    }

    private static SourceQuality ForSource(string source, IReadOnlyList<StockBasic> rows, QualityInput input)
    {
        var completeness = Completeness(rows);
        var freshness = Freshness(rows, input);
        var validity = Validity(rows);
        var duplicates = Duplicates(rows);
        var score = QualityStatus.Combine(completeness.Score, validity.Score, freshness.Score, duplicates.Score);
        return new SourceQuality(source, input.SyntheticSources.Contains(source), rows.Count, score, QualityStatus.Of(score),
            completeness, freshness, validity, duplicates);
    }

    public static CompletenessResult Completeness(IReadOnlyList<StockBasic> rows)
    {
        var missing = QualityRules.RequiredFields.ToDictionary(f => f.Name, _ => 0L, StringComparer.Ordinal);
        long complete = 0;
        foreach (var row in rows)
        {
            var rowComplete = true;
            foreach (var field in QualityRules.RequiredFields)
            {
                if (!field.IsPresent(row))
                {
                    missing[field.Name]++;
                    rowComplete = false;
                }
            }

            complete += rowComplete ? 1 : 0;
        }

        return new CompletenessResult(Share(complete, rows.Count), complete, missing);
    }

    public static FreshnessResult Freshness(IReadOnlyList<StockBasic> rows, QualityInput input)
    {
        var newestUpdate = rows.Max(r => r.UpdatedAt);
        var ageHours = Math.Max(0, (input.Now - newestUpdate).TotalHours);
        var updatedFresh = ageHours <= input.MaxAgeHours;
        var newestTradeDate = rows.Select(r => r.TradeDate).Where(d => !string.IsNullOrWhiteSpace(d)).Max(StringComparer.Ordinal);
        int? behind = newestTradeDate is not null && input.OpenDays is { Count: > 0 } days
            ? days.Count(d => string.CompareOrdinal(d, newestTradeDate) > 0)
            : null;
        bool? tradeFresh = behind is { } b ? b <= input.MaxTradeDaysBehind : null;
        var score = tradeFresh is { } t ? ((updatedFresh ? 1 : 0) + (t ? 1 : 0)) / 2.0 : updatedFresh ? 1 : 0;
        return new FreshnessResult(score, newestUpdate, ageHours, updatedFresh, newestTradeDate, behind, tradeFresh);
    }

    public static ValidityResult Validity(IReadOnlyList<StockBasic> rows)
    {
        var counts = new long[QualityRules.ValidityRules.Count];
        var samples = QualityRules.ValidityRules.Select(_ => new List<string>(Samples)).ToArray();
        long invalidRows = 0;
        foreach (var row in rows)
        {
            var valid = true;
            for (var i = 0; i < counts.Length; i++)
            {
                if (!QualityRules.ValidityRules[i].IsValid(row))
                {
                    valid = false;
                    counts[i]++;
                    if (samples[i].Count < Samples)
                    {
                        samples[i].Add(string.IsNullOrWhiteSpace(row.FullSymbol) ? row.Code : row.FullSymbol);
                    }
                }
            }

            invalidRows += valid ? 0 : 1;
        }

        var rules = QualityRules.ValidityRules.Select((rule, i) => new RuleResult(rule.Name, rule.Description, counts[i], samples[i])).ToList();
        return new ValidityResult(Share(rows.Count - invalidRows, rows.Count), invalidRows, rules);
    }

    public static DuplicatesResult Duplicates(IReadOnlyList<StockBasic> rows)
    {
        var repeated = rows.GroupBy(r => r.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        var duplicateRows = repeated.Sum(g => (long)g.Count() - 1);
        return new DuplicatesResult(1 - Share(duplicateRows, rows.Count), duplicateRows, repeated.Take(Samples).Select(g => g.Key).ToList());
    }

    public static FullSymbolConflicts FullSymbolConflictsOf(IReadOnlyDictionary<string, IReadOnlyList<StockBasic>> rowsBySource)
    {
        var byCode = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (source, rows) in rowsBySource)
        {
            foreach (var row in rows)
            {
                if (!byCode.TryGetValue(row.Code, out var symbols))
                {
                    byCode[row.Code] = symbols = new SortedDictionary<string, string>(StringComparer.Ordinal);
                }

                symbols.TryAdd(source, row.FullSymbol);
            }
        }

        var conflicts = byCode
            .Where(c => c.Value.Values.Distinct(StringComparer.Ordinal).Skip(1).Any())
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return new FullSymbolConflicts(conflicts.Count,
            conflicts.Take(Samples).Select(c => new FullSymbolConflict(c.Key, c.Value)).ToList());
    }

    private static OverallQuality Overall(IReadOnlyList<SourceQuality> sources, FullSymbolConflicts conflicts)
    {
        long rows = sources.Sum(s => s.Rows);
        if (rows == 0)
        {
            return new OverallQuality(0, 0, null, QualityStatus.NoData, null, null, null, null, conflicts);
        }

        double Weighted(Func<SourceQuality, double> dimension) => sources.Sum(s => dimension(s) * s.Rows) / rows;
        var completeness = Weighted(s => s.Completeness.Score);
        var freshness = Weighted(s => s.Freshness.Score);
        var validity = Weighted(s => s.Validity.Score);
        var duplicates = Math.Max(0, 1 - ((double)(sources.Sum(s => s.Duplicates.DuplicateRows) + conflicts.Count) / rows));
        var score = QualityStatus.Combine(completeness, validity, freshness, duplicates);
        return new OverallQuality(rows, sources.Count, score, QualityStatus.Of(score), completeness, freshness, validity, duplicates, conflicts);
    }

    private static double Share(long part, long whole) => whole == 0 ? 1 : (double)part / whole;
}
