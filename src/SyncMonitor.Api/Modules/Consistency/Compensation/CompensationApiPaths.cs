namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>The compensation endpoints (SPEC §6.2).</summary>
public static class CompensationApiPaths
{
    public const string Root = "/api/monitoring/compensation";
    public const string Item = Root + "/{id}";
    public const string Rollback = Root + "/{id}/rollback";

    public static string ItemFor(string id) => $"{Root}/{Uri.EscapeDataString(id)}";

    public static string RollbackFor(string id) => $"{ItemFor(id)}/rollback";
}
