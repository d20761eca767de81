namespace SyncMonitor.Api.Modules.Sync;

/// <summary>The Sync module's endpoints (SPEC §3.5). The task progress endpoint belongs to the Progress module.</summary>
public static class SyncApiPaths
{
    public const string StockBasicsStatus = "/api/sync/stock_basics/status";
    public const string StockBasicsRun = "/api/sync/stock_basics/run";
    public const string MultiSourceStatus = "/api/sync/multi-source/status";
    public const string SourcesStatus = "/api/sync/multi-source/sources/status";
    public const string TestSources = "/api/sync/multi-source/test-sources";
    public const string History = "/api/sync/multi-source/history";
    public const string Batch = "/api/v1/sync-status/sync/batch";
    public const string Current = "/api/sync/current";
    public const string Cancel = "/api/sync/tasks/{task_id}/cancel";

    public static string CancelFor(string taskId) => Cancel.Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);

    public static string ProgressFor(string taskId) => $"/api/sync/tasks/{Uri.EscapeDataString(taskId)}/progress";
}
