namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>The module's endpoints (seed paths kept).</summary>
public static class OperationLogApiPaths
{
    public const string Base = "/api/system/logs";
    public const string List = Base + "/list";
    public const string Stats = Base + "/stats";
    public const string Create = Base + "/create";
    public const string Clear = Base + "/clear";
    public const string ExportCsv = Base + "/export/csv";
    public const string ById = Base + "/{id}";

    public static string For(string id) => $"{Base}/{Uri.EscapeDataString(id)}";
}
