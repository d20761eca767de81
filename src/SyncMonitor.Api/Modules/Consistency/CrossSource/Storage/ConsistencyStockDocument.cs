using MongoDB.Bson.Serialization.Attributes;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>One per-stock entry of a report in <c>consistency_report_stocks</c>; <c>_id</c> is
/// <c>{report_id}:{code}</c> so a retried insert cannot duplicate it.</summary>
internal sealed class ConsistencyStockDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string ReportId { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public string PrimarySource { get; set; } = string.Empty;

    public string SecondarySource { get; set; } = string.Empty;

    public DateTimeOffset CheckedAt { get; set; }

    public bool IsConsistent { get; set; }

    public double Confidence { get; set; }

    public string RecommendedAction { get; set; } = string.Empty;

    public Dictionary<string, MetricDifferenceDocument> Differences { get; set; } = [];

    [BsonIgnoreIfNull]
    public StockResolutionDocument? Resolution { get; set; }

    public static string IdOf(string reportId, string code) => reportId + ":" + code;

    public static ConsistencyStockDocument From(ConsistencyReport report, StockConsistency stock) => new()
    {
        Id = IdOf(report.Id, stock.Code),
        ReportId = report.Id,
        Code = stock.Code,
        PrimarySource = report.Primary,
        SecondarySource = report.Secondary,
        CheckedAt = report.CheckedAt,
        IsConsistent = stock.IsConsistent,
        Confidence = stock.Confidence,
        RecommendedAction = stock.RecommendedAction,
        Differences = stock.Differences.ToDictionary(d => d.Key, d => MetricDifferenceDocument.From(d.Value), StringComparer.Ordinal),
        Resolution = stock.Resolution is null ? null : StockResolutionDocument.From(stock.Resolution),
    };

    public StockConsistency ToStock() => new(Code, IsConsistent, Confidence, RecommendedAction,
        Differences.ToDictionary(d => d.Key, d => d.Value.ToDifference(), StringComparer.Ordinal), Resolution?.ToResolution());

    public ConsistencyVerdict ToVerdict() => ConsistencyVerdicts.Of(ToStock(), ReportId, PrimarySource, SecondarySource, CheckedAt);
}

internal sealed class MetricDifferenceDocument
{
    public double? Primary { get; set; }

    public double? Secondary { get; set; }

    public double? RelativeDifference { get; set; }

    public double Tolerance { get; set; }

    public bool? WithinTolerance { get; set; }

    public static MetricDifferenceDocument From(MetricDifference d) => new()
    {
        Primary = d.Primary,
        Secondary = d.Secondary,
        RelativeDifference = d.RelativeDifference,
        Tolerance = d.Tolerance,
        WithinTolerance = d.WithinTolerance,
    };

    public MetricDifference ToDifference() => new(Primary, Secondary, RelativeDifference, Tolerance, WithinTolerance);
}

internal sealed class StockResolutionDocument
{
    public string Applied { get; set; } = string.Empty;

    public bool Flagged { get; set; }

    public Dictionary<string, double?> Chosen { get; set; } = [];

    public DateTimeOffset ResolvedAt { get; set; }

    public string ResolvedBy { get; set; } = string.Empty;

    public static StockResolutionDocument From(StockResolution r) => new()
    {
        Applied = r.Applied,
        Flagged = r.Flagged,
        Chosen = r.Chosen.ToDictionary(StringComparer.Ordinal),
        ResolvedAt = r.ResolvedAt,
        ResolvedBy = r.ResolvedBy,
    };

    public StockResolution ToResolution() => new(Applied, Flagged, Chosen, ResolvedAt, ResolvedBy);
}
