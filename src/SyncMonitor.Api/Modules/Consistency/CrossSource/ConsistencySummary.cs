namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>A whole check at a glance. <see cref="Confidence"/> is the mean of the per-stock confidences over every
/// stock both sources have (each stock weighs the same; a stock with nothing comparable counts as 0); with no
/// common stock it is 0. <see cref="IsConsistent"/> holds when there is at least one common stock and every one is
/// consistent. Codes present on one side only are counted, never part of the confidence.</summary>
public sealed record ConsistencySummary(
    bool IsConsistent,
    double Confidence,
    string RecommendedAction,
    double ConsistentRatio,
    int CommonCount,
    int ConsistentCount,
    int InconsistentCount,
    int NotComparableCount,
    int OnlyInPrimaryCount,
    int OnlyInSecondaryCount,
    IReadOnlyDictionary<string, int> MismatchesByMetric,
    IReadOnlyDictionary<string, int> ComparedByMetric);

/// <summary>What the pure comparison of two sources' rows produced.</summary>
public sealed record ConsistencyComparison(
    ConsistencySummary Summary,
    IReadOnlyList<StockConsistency> Stocks,
    IReadOnlyList<string> OnlyInPrimary,
    IReadOnlyList<string> OnlyInSecondary);
