namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>The cross-source consistency endpoints (SPEC §6.1).</summary>
public static class CrossSourceApiPaths
{
    public const string Check = "/api/consistency/stock_basics/check";
    public const string Reports = "/api/consistency/reports";
    public const string Report = Reports + "/{id}";
    public const string Resolve = Reports + "/{id}/resolve";

    public const int DefaultStockPageSize = 100;

    /// <summary>Large enough for a whole report in one page (the most codes a check may name).</summary>
    public const int MaxStockPageSize = 10_000;

    public const int MaxReportPageSize = 200;

    public static string ReportFor(string id) => $"{Reports}/{Uri.EscapeDataString(id)}";

    public static string ResolveFor(string id) => $"{ReportFor(id)}/resolve";
}
