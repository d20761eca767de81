using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary><c>{type}</c>: <c>quick</c>, <c>full</c> or <c>deep</c>.</summary>
internal sealed record IntegrityCheckRequest(string? Type);

/// <summary>The metrics endpoint: per check type the latest result and a short history.</summary>
internal sealed record IntegrityMetricsResponse(CheckTypeMetrics Quick, CheckTypeMetrics Full, CheckTypeMetrics Deep);

internal sealed record CheckTypeMetrics(IntegrityCheckResult? Latest, IReadOnlyList<CheckSummary> History);

/// <summary>A check in a few fields (history and health).</summary>
internal sealed record CheckSummary(
    string Id,
    IntegrityCheckType Type,
    DateTimeOffset CheckedAt,
    IntegrityHealth Health,
    IntegrityLevel Level,
    double CompletionRate,
    double TradeDateCompletionRate,
    long SuccessfulRuns,
    long FailuresTotal,
    string? Note)
{
    public static CheckSummary Of(IntegrityCheckResult r) => new(
        r.Id, r.Type, r.CheckedAt, r.Health, r.Level, r.CompletionRate, r.TradeDateCompletionRate, r.SuccessfulRuns, r.FailuresTotal, r.Note);
}

/// <summary>Overall integrity health: the worst health among the latest check of each type (the most recent of
/// those on a tie), which check decided it, and every type's latest check. <c>unknown</c> before any check.</summary>
internal sealed record IntegrityHealthResponse(
    IntegrityHealth Status,
    IntegrityLevel Level,
    double? CompletionRate,
    IntegrityCheckType? DeterminedBy,
    string? CheckId,
    DateTimeOffset? CheckedAt,
    string? Note,
    IReadOnlyList<CheckSummary> Checks)
{
    public const string NoChecksNote = "no integrity check has run yet";

    public static IntegrityHealthResponse From(IEnumerable<IntegrityCheckResult> latestPerType)
    {
        var checks = latestPerType.Select(CheckSummary.Of).ToList();
        var worst = checks
            .OrderByDescending(c => IntegrityBands.Severity(c.Health))
            .ThenByDescending(c => c.CheckedAt)
            .FirstOrDefault();
        return worst is null
            ? new IntegrityHealthResponse(IntegrityHealth.Unknown, IntegrityLevel.None, null, null, null, null, NoChecksNote, checks)
            : new IntegrityHealthResponse(worst.Health, worst.Level, worst.CompletionRate, worst.Type, worst.Id, worst.CheckedAt, worst.Note, checks);
    }
}
