using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>The performance monitor's window, slow thresholds and slow-operation alert rule.</summary>
public sealed class PerformanceOptions : IValidatableObject
{
    public const string Section = "Performance";

    /// <summary>Length of the sliding window the summary covers.</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>Granularity of the window: old calls leave it one bucket at a time.</summary>
    [Range(1, 3600)]
    public int BucketSeconds { get; set; } = 60;

    /// <summary>A call longer than this is slow (warning).</summary>
    [Range(1, 86_400_000)]
    public int SlowWarningMs { get; set; } = 2000;

    /// <summary>A call longer than this is critically slow; one such call in the window raises a high alert.</summary>
    [Range(1, 86_400_000)]
    public int SlowCriticalMs { get; set; } = 5000;

    /// <summary>Warning-slow calls in the window needed for a medium alert (one slow call is noise, a rate is not).</summary>
    [Range(1, 1_000_000)]
    public int SlowWarningAlertMinCount { get; set; } = 5;

    /// <summary>…and their least share of the operation's calls in the window.</summary>
    [Range(0.0, 1.0)]
    public double SlowWarningAlertMinShare { get; set; } = 0.1;

    /// <summary>How often open slow-operation alerts are re-checked (and cleared once the window is clean).</summary>
    [Range(1, 3600)]
    public int AlertCheckSeconds { get; set; } = 30;

    /// <summary>Distinct operation names tracked; calls of further names are counted under <c>other</c>.</summary>
    [Range(1, 10_000)]
    public int MaxOperations { get; set; } = 200;

    internal int SlotCount => (int)Math.Ceiling(WindowMinutes * 60.0 / BucketSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SlowCriticalMs <= SlowWarningMs)
        {
            yield return new ValidationResult(
                "Performance:SlowCriticalMs must be greater than Performance:SlowWarningMs.",
                [nameof(SlowCriticalMs)]);
        }

        if (BucketSeconds > WindowMinutes * 60)
        {
            yield return new ValidationResult(
                "Performance:BucketSeconds must not exceed the window (Performance:WindowMinutes × 60).",
                [nameof(BucketSeconds)]);
        }
    }
}
