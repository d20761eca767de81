using MongoDB.Bson.Serialization.Attributes;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>A report as a Mongo document (snake_case by the shared conventions). Its per-stock entries are
/// <see cref="ConsistencyStockDocument"/>s in <c>consistency_report_stocks</c>.</summary>
internal sealed class ConsistencyReportDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string PrimarySource { get; set; } = string.Empty;

    public string SecondarySource { get; set; } = string.Empty;

    public DateTimeOffset CheckedAt { get; set; }

    public string CheckedBy { get; set; } = string.Empty;

    public int? RequestedCodes { get; set; }

    public bool Synthetic { get; set; }

    public SummaryDocument Summary { get; set; } = new();

    public List<string> OnlyInPrimary { get; set; } = [];

    public List<string> OnlyInSecondary { get; set; } = [];

    public List<ResolutionRecordDocument> Resolutions { get; set; } = [];

    public static ConsistencyReportDocument From(ConsistencyReport report) => new()
    {
        Id = report.Id,
        PrimarySource = report.Primary,
        SecondarySource = report.Secondary,
        CheckedAt = report.CheckedAt,
        CheckedBy = report.CheckedBy,
        RequestedCodes = report.RequestedCodes,
        Synthetic = report.Synthetic,
        Summary = SummaryDocument.From(report.Summary),
        OnlyInPrimary = [.. report.OnlyInPrimary],
        OnlyInSecondary = [.. report.OnlyInSecondary],
        Resolutions = report.Resolutions.Select(ResolutionRecordDocument.From).ToList(),
    };

    public ConsistencyReport ToReport() => new(Id, PrimarySource, SecondarySource, CheckedAt, CheckedBy, RequestedCodes, Synthetic,
        Summary.ToSummary(), OnlyInPrimary, OnlyInSecondary, Resolutions.Select(r => r.ToRecord()).ToList());
}

internal sealed class SummaryDocument
{
    public bool IsConsistent { get; set; }

    public double Confidence { get; set; }

    public string RecommendedAction { get; set; } = string.Empty;

    public double ConsistentRatio { get; set; }

    public int CommonCount { get; set; }

    public int ConsistentCount { get; set; }

    public int InconsistentCount { get; set; }

    public int NotComparableCount { get; set; }

    public int OnlyInPrimaryCount { get; set; }

    public int OnlyInSecondaryCount { get; set; }

    public Dictionary<string, int> MismatchesByMetric { get; set; } = [];

    public Dictionary<string, int> ComparedByMetric { get; set; } = [];

    public static SummaryDocument From(ConsistencySummary s) => new()
    {
        IsConsistent = s.IsConsistent,
        Confidence = s.Confidence,
        RecommendedAction = s.RecommendedAction,
        ConsistentRatio = s.ConsistentRatio,
        CommonCount = s.CommonCount,
        ConsistentCount = s.ConsistentCount,
        InconsistentCount = s.InconsistentCount,
        NotComparableCount = s.NotComparableCount,
        OnlyInPrimaryCount = s.OnlyInPrimaryCount,
        OnlyInSecondaryCount = s.OnlyInSecondaryCount,
        MismatchesByMetric = s.MismatchesByMetric.ToDictionary(StringComparer.Ordinal),
        ComparedByMetric = s.ComparedByMetric.ToDictionary(StringComparer.Ordinal),
    };

    public ConsistencySummary ToSummary() => new(IsConsistent, Confidence, RecommendedAction, ConsistentRatio, CommonCount, ConsistentCount,
        InconsistentCount, NotComparableCount, OnlyInPrimaryCount, OnlyInSecondaryCount, MismatchesByMetric, ComparedByMetric);
}

internal sealed class ResolutionRecordDocument
{
    public string Strategy { get; set; } = string.Empty;

    public DateTimeOffset ResolvedAt { get; set; }

    public string ResolvedBy { get; set; } = string.Empty;

    public int ResolvedCount { get; set; }

    public int FlaggedCount { get; set; }

    public int ChangedCount { get; set; }

    public static ResolutionRecordDocument From(ResolutionRecord r) => new()
    {
        Strategy = r.Strategy,
        ResolvedAt = r.ResolvedAt,
        ResolvedBy = r.ResolvedBy,
        ResolvedCount = r.ResolvedCount,
        FlaggedCount = r.FlaggedCount,
        ChangedCount = r.ChangedCount,
    };

    public ResolutionRecord ToRecord() => new(Strategy, ResolvedAt, ResolvedBy, ResolvedCount, FlaggedCount, ChangedCount);
}
