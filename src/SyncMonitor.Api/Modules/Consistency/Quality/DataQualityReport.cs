namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary><c>GET /api/monitoring/data-quality</c>: per source and overall, each dimension a score in 0..1.</summary>
public sealed record DataQualityReport(
    DateTimeOffset CheckedAt,
    string? LastTradeDate,
    OverallQuality Overall,
    IReadOnlyList<SourceQuality> Sources);

/// <summary>All sources together: dimensions are row-weighted means of the sources'; duplicates also count codes
/// whose full_symbol differs between sources. With no rows at all: scores null, status <c>no_data</c>.</summary>
public sealed record OverallQuality(
    long Rows,
    int SourceCount,
    double? Score,
    string Status,
    double? Completeness,
    double? Freshness,
    double? Validity,
    double? Duplicates,
    FullSymbolConflicts FullSymbolConflicts);

public sealed record SourceQuality(
    string Source,
    bool Synthetic,
    long Rows,
    double Score,
    string Status,
    CompletenessResult Completeness,
    FreshnessResult Freshness,
    ValidityResult Validity,
    DuplicatesResult Duplicates);

/// <summary>Share of rows with every required field; how many rows miss each field.</summary>
public sealed record CompletenessResult(double Score, long CompleteRows, IReadOnlyDictionary<string, long> MissingByField);

/// <summary>Score = mean of the checks that could be made: updated_at within MaxAgeHours, newest trade_date at most
/// MaxTradeDaysBehind open days behind the calendar (unknown when no row has a trade date or no calendar answered).</summary>
public sealed record FreshnessResult(
    double Score,
    DateTimeOffset? NewestUpdatedAt,
    double? AgeHours,
    bool UpdatedFresh,
    string? NewestTradeDate,
    int? TradeDaysBehind,
    bool? TradeDateFresh);

/// <summary>Share of rows passing every rule; per rule the failing rows with up to five sample codes.</summary>
public sealed record ValidityResult(double Score, long InvalidRows, IReadOnlyList<RuleResult> Rules);

public sealed record RuleResult(string Rule, string Description, long Invalid, IReadOnlyList<string> SampleCodes);

/// <summary>Rows beyond the first of a code within this source (0 while the (code, source) key holds).</summary>
public sealed record DuplicatesResult(double Score, long DuplicateRows, IReadOnlyList<string> SampleCodes);

/// <summary>Codes whose full_symbol differs between sources (e.g. one says .SZ, another .SH).</summary>
public sealed record FullSymbolConflicts(long Count, IReadOnlyList<FullSymbolConflict> Samples);

public sealed record FullSymbolConflict(string Code, IReadOnlyDictionary<string, string> FullSymbolBySource);

/// <summary>Statuses and how scores are weighed into one.</summary>
public static class QualityStatus
{
    public const string Good = "good";
    public const string Warning = "warning";
    public const string Poor = "poor";
    public const string NoData = "no_data";

    public const double GoodAtLeast = 0.9;
    public const double WarningAtLeast = 0.7;

    /// <summary>Weights in tenths (completeness .3, validity .3, freshness .3, duplicates .1), so perfect data scores exactly 1.</summary>
    public const int CompletenessTenths = 3;
    public const int ValidityTenths = 3;
    public const int FreshnessTenths = 3;
    public const int DuplicatesTenths = 1;

    public static string Of(double score) => score >= GoodAtLeast ? Good : score >= WarningAtLeast ? Warning : Poor;

    public static double Combine(double completeness, double validity, double freshness, double duplicates)
        => ((CompletenessTenths * completeness) + (ValidityTenths * validity) + (FreshnessTenths * freshness) + (DuplicatesTenths * duplicates)) / 10;
}
