namespace SyncMonitor.Api.Modules.Progress;

public static class ProgressApiPaths
{
    public const string TaskProgress = "/api/sync/tasks/{task_id}/progress";

    public static string ForTask(string taskId) => $"/api/sync/tasks/{Uri.EscapeDataString(taskId)}/progress";
}
