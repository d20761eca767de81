namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>A stored check (<c>consistency_reports</c>) without its per-stock entries, which are stored beside it
/// (one per common code) and served paged. <see cref="RequestedCodes"/> is how many codes the caller limited the
/// check to, null for all. <see cref="Synthetic"/> is true when either source serves generated data.</summary>
public sealed record ConsistencyReport(
    string Id,
    string Primary,
    string Secondary,
    DateTimeOffset CheckedAt,
    string CheckedBy,
    int? RequestedCodes,
    bool Synthetic,
    ConsistencySummary Summary,
    IReadOnlyList<string> OnlyInPrimary,
    IReadOnlyList<string> OnlyInSecondary,
    IReadOnlyList<ResolutionRecord> Resolutions);

/// <summary>One resolve of a report, as recorded on the report.</summary>
public sealed record ResolutionRecord(
    string Strategy,
    DateTimeOffset ResolvedAt,
    string ResolvedBy,
    int ResolvedCount,
    int FlaggedCount,
    int ChangedCount);

/// <summary>Report ids are Mongo-style object ids (24 lowercase hex digits) on both providers.</summary>
public static partial class ConsistencyReportIds
{
    public static string New() => MongoDB.Bson.ObjectId.GenerateNewId().ToString();

    public static bool IsValid(string? id) => id is not null && Format().IsMatch(id);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{24}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Format();
}
