using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>Compares two sources' stock basics per stock over every common code (SPEC §6.1). Pure: no I/O, no
/// clock, so it is unit-tested at the tolerance boundaries and benchmarked on its own.</summary>
public static class ConsistencyChecker
{
    public static ConsistencyComparison Compare(IReadOnlyList<StockBasic> primary, IReadOnlyList<StockBasic> secondary)
    {
        var secondaryByCode = new Dictionary<string, StockBasic>(secondary.Count, StringComparer.Ordinal);
        foreach (var row in secondary)
        {
            secondaryByCode.TryAdd(row.Code, row);
        }

        var seen = new HashSet<string>(primary.Count, StringComparer.Ordinal);
        var stocks = new List<StockConsistency>(Math.Min(primary.Count, secondary.Count));
        var onlyInPrimary = new List<string>();
        foreach (var row in primary)
        {
            if (!seen.Add(row.Code))
            {
                continue;
            }

            if (secondaryByCode.TryGetValue(row.Code, out var other))
            {
                stocks.Add(CompareStock(row, other));
            }
            else
            {
                onlyInPrimary.Add(row.Code);
            }
        }

        var onlyInSecondary = secondaryByCode.Keys.Where(code => !seen.Contains(code)).ToList();
        stocks.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        onlyInPrimary.Sort(StringComparer.Ordinal);
        onlyInSecondary.Sort(StringComparer.Ordinal);
        return new ConsistencyComparison(Summarize(stocks, onlyInPrimary.Count, onlyInSecondary.Count), stocks, onlyInPrimary, onlyInSecondary);
    }

    public static StockConsistency CompareStock(StockBasic primary, StockBasic secondary)
    {
        var differences = new Dictionary<string, MetricDifference>(ComparedMetrics.All.Count, StringComparer.Ordinal);
        var comparedWeight = 0;
        var withinWeight = 0;
        var allWithin = true;
        foreach (var metric in ComparedMetrics.All)
        {
            var a = ComparedMetrics.Present(metric.Read(primary));
            var b = ComparedMetrics.Present(metric.Read(secondary));
            if (a is null || b is null)
            {
                differences[metric.Name] = new MetricDifference(a, b, null, metric.Tolerance, null);
                continue;
            }

            var relative = ComparedMetrics.RelativeDifference(a.Value, b.Value);
            var within = relative <= metric.Tolerance;
            comparedWeight += metric.WeightPercent;
            withinWeight += within ? metric.WeightPercent : 0;
            allWithin &= within;
            differences[metric.Name] = new MetricDifference(a, b, relative, metric.Tolerance, within);
        }

        if (comparedWeight == 0)
        {
            // Nothing to vouch for: not consistent, no confidence, someone has to look at the sources.
            return new StockConsistency(primary.Code, false, 0, RecommendedActions.InvestigateSources, differences);
        }

        var confidence = Ratio(withinWeight, comparedWeight);
        return new StockConsistency(primary.Code, allWithin, confidence, RecommendedActions.For(confidence), differences);
    }

    public static ConsistencySummary Summarize(IReadOnlyList<StockConsistency> stocks, int onlyInPrimary, int onlyInSecondary)
    {
        var mismatches = ComparedMetrics.Names.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var compared = ComparedMetrics.Names.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var consistent = 0;
        var notComparable = 0;
        var confidenceSum = 0.0;
        foreach (var stock in stocks)
        {
            consistent += stock.IsConsistent ? 1 : 0;
            notComparable += stock.Comparable ? 0 : 1;
            confidenceSum += stock.Confidence;
            foreach (var (metric, difference) in stock.Differences)
            {
                if (difference.WithinTolerance is { } within && compared.ContainsKey(metric))
                {
                    compared[metric]++;
                    mismatches[metric] += within ? 0 : 1;
                }
            }
        }

        var common = stocks.Count;
        var confidence = common == 0 ? 0 : Math.Round(confidenceSum / common, RatioDigits);
        return new ConsistencySummary(
            IsConsistent: common > 0 && consistent == common,
            Confidence: confidence,
            RecommendedAction: RecommendedActions.For(confidence),
            ConsistentRatio: common == 0 ? 0 : Ratio(consistent, common),
            CommonCount: common,
            ConsistentCount: consistent,
            InconsistentCount: common - consistent,
            NotComparableCount: notComparable,
            OnlyInPrimaryCount: onlyInPrimary,
            OnlyInSecondaryCount: onlyInSecondary,
            MismatchesByMetric: mismatches,
            ComparedByMetric: compared);
    }

    /// <summary>Ratios are served rounded (0.9982, not 0.9982300000000001): four digits are more than any reader uses.</summary>
    private const int RatioDigits = 4;

    private static double Ratio(double part, double whole) => Math.Round(part / whole, RatioDigits);
}
