namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>One metric of one stock on both sources. A metric missing on either side has no relative difference
/// and no verdict (<see cref="WithinTolerance"/> null) and does not count in the stock's confidence.</summary>
public sealed record MetricDifference(
    double? Primary,
    double? Secondary,
    double? RelativeDifference,
    double Tolerance,
    bool? WithinTolerance);

/// <summary>The checker's verdict on one stock present in both sources. <see cref="Confidence"/> is the weighted
/// share of compared metrics within tolerance; a stock with no metric present on both sides is not consistent,
/// has confidence 0 and is to be investigated. <see cref="Resolution"/> is set once the report was resolved.</summary>
public sealed record StockConsistency(
    string Code,
    bool IsConsistent,
    double Confidence,
    string RecommendedAction,
    IReadOnlyDictionary<string, MetricDifference> Differences,
    StockResolution? Resolution = null)
{
    public bool Comparable => Differences.Values.Any(d => d.WithinTolerance is not null);
}

/// <summary>The values chosen for one stock by a resolve. <see cref="Applied"/> is the strategy used for this stock
/// (primary/secondary/average/investigate); a flagged stock (investigate) has no chosen values.</summary>
public sealed record StockResolution(
    string Applied,
    bool Flagged,
    IReadOnlyDictionary<string, double?> Chosen,
    DateTimeOffset ResolvedAt,
    string ResolvedBy);
