namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary>The integrity monitoring endpoints (SPEC §6.2, seed 002 paths).</summary>
public static class IntegrityApiPaths
{
    public const string Check = "/api/monitoring/data-consistency/check";
    public const string Metrics = "/api/monitoring/data-consistency/metrics";
    public const string Health = "/api/monitoring/health";
}
