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

/// <summary>What other modules (the stock read API) may read of the consistency reports.</summary>
public interface IConsistencyVerdictReader
{
    /// <summary>The newest verdict for a 6-digit code, or null when no report covered it.</summary>
    Task<ConsistencyVerdict?> GetLatestAsync(string code, CancellationToken cancellationToken);
}

/// <summary>Placeholder until the checker lands: no verdicts.</summary>
internal sealed class NoConsistencyVerdicts : IConsistencyVerdictReader
{
    public Task<ConsistencyVerdict?> GetLatestAsync(string code, CancellationToken cancellationToken) => Task.FromResult<ConsistencyVerdict?>(null);
}
