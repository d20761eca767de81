using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary><c>Consistency:*</c> settings of the cross-source checker.</summary>
public sealed class CrossSourceOptions
{
    public const string Section = "Consistency";

    /// <summary>A check whose overall confidence is below this fires <c>consistency_confidence</c>; at or above clears it.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Consistency:AlertConfidenceThreshold must be between 0 and 1.")]
    public double AlertConfidenceThreshold { get; set; } = 0.8;

    /// <summary>Most codes one check or resolve request may name.</summary>
    [Range(1, 100_000, ErrorMessage = "Consistency:MaxCodes must be between 1 and 100000.")]
    public int MaxCodes { get; set; } = 10_000;

    /// <summary>Reports (with their per-stock entries) older than this are deleted after each new check.</summary>
    [Range(1, 3650, ErrorMessage = "Consistency:ReportRetentionDays must be between 1 and 3650.")]
    public int ReportRetentionDays { get; set; } = 90;
}
