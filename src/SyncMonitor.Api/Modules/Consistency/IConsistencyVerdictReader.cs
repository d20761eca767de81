namespace SyncMonitor.Api.Modules.Consistency;

/// <summary>The consistency checker's latest verdict on one stock (from the newest report that covered it).</summary>
public sealed record ConsistencyVerdict(
    string ReportId,
    string Code,
    string PrimarySource,
    string SecondarySource,
    bool IsConsistent,
    double Confidence,
    string RecommendedAction,
    IReadOnlyDictionary<string, double?> RelativeDifferenceByMetric,
    DateTimeOffset CheckedAt);

/// <summary>What other modules (the stock read API) may read of the consistency reports. Implemented by
/// <c>CrossSource.ConsistencyVerdicts</c>: one indexed read of the newest per-stock entry for the code.</summary>
public interface IConsistencyVerdictReader
{
    /// <summary>The newest verdict for a code (6-digit; other forms such as 000001.SZ are normalized), or null when
    /// no report compared it (a code present in only one source of a check gets no verdict from that check).</summary>
    Task<ConsistencyVerdict?> GetLatestAsync(string code, CancellationToken cancellationToken);
}
