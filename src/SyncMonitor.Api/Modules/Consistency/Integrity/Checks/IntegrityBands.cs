namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>Health of the synced output by completion rate (seed 002, SPEC §6.2).</summary>
public enum IntegrityHealth
{
    Healthy,
    Degraded,
    Unhealthy,

    /// <summary>Only for the overall health before any check has run.</summary>
    Unknown,
}

/// <summary>Alert level by completion rate. <see cref="None"/> is a rate of exactly 100 % (nothing missing).</summary>
public enum IntegrityLevel
{
    None,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>The bands, on the completion rate in percent (0–100). A rate on a band edge belongs to the better band:
/// 95 is healthy/low, 80 is degraded/medium, 50 is high.</summary>
public static class IntegrityBands
{
    public const double HealthyFrom = 95;
    public const double DegradedFrom = 80;
    public const double HighFrom = 50;

    /// <summary>healthy ≥ 95, degraded 80–95, unhealthy &lt; 80.</summary>
    public static IntegrityHealth HealthOf(double completionRate) => completionRate switch
    {
        >= HealthyFrom => IntegrityHealth.Healthy,
        >= DegradedFrom => IntegrityHealth.Degraded,
        _ => IntegrityHealth.Unhealthy,
    };

    /// <summary>none = 100, low 95–100, medium 80–95, high 50–80, critical &lt; 50.</summary>
    public static IntegrityLevel LevelOf(double completionRate) => completionRate switch
    {
        >= 100 => IntegrityLevel.None,
        >= HealthyFrom => IntegrityLevel.Low,
        >= DegradedFrom => IntegrityLevel.Medium,
        >= HighFrom => IntegrityLevel.High,
        _ => IntegrityLevel.Critical,
    };

    /// <summary>Whether the check should fire the integrity alert (below 95 %); at or above it the alert is cleared.</summary>
    public static bool Alerts(double completionRate) => completionRate < HealthyFrom;

    /// <summary>Order for "the worst of several checks".</summary>
    public static int Severity(IntegrityHealth health) => health switch
    {
        IntegrityHealth.Healthy => 0,
        IntegrityHealth.Degraded => 1,
        IntegrityHealth.Unhealthy => 2,
        _ => -1,
    };

    /// <summary>A completion rate in percent; an empty denominator counts as complete.</summary>
    public static double Rate(long complete, long total) => total == 0 ? 100 : 100.0 * complete / total;
}
