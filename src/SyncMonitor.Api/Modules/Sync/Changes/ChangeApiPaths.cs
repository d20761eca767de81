namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>Change sets and held runs (SPEC §3.2).</summary>
public static class ChangeApiPaths
{
    public const string Changes = "/api/sync/runs/{task_id}/changes";
    public const string Approve = "/api/sync/runs/{task_id}/approve";
    public const string Discard = "/api/sync/runs/{task_id}/discard";

    public static string ChangesFor(string taskId) => Changes.Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);

    public static string ApproveFor(string taskId) => Approve.Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);

    public static string DiscardFor(string taskId) => Discard.Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);
}
