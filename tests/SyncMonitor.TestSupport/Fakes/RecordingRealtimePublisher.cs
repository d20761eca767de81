using System.Collections.Concurrent;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Notifications;

namespace SyncMonitor.TestSupport;

/// <summary>Stands in for the SignalR hub: records every live event (progress, sync status, alerts) in order.</summary>
public sealed class RecordingRealtimePublisher : IRealtimePublisher
{
    private readonly ConcurrentQueue<(string Event, string? TaskId, object Payload)> _events = new();

    /// <summary>Every event so far: <c>syncProgress</c> (with its task id), <c>syncStatus</c>, <c>alert</c>.</summary>
    public IReadOnlyList<(string Event, string? TaskId, object Payload)> Events => [.. _events];

    /// <summary>Progress pushed for one task, in order.</summary>
    public IReadOnlyList<TaskProgressSnapshot> For(string taskId)
        => [.. _events.Where(e => e.Event == "syncProgress" && e.TaskId == taskId).Select(e => (TaskProgressSnapshot)e.Payload)];

    /// <summary>Every progress push as (task id, payload).</summary>
    public IReadOnlyList<(string TaskId, object Progress)> Pushed
        => [.. _events.Where(e => e.Event == "syncProgress").Select(e => (e.TaskId!, e.Payload))];

    public IReadOnlyList<SyncStats> SyncStatuses => [.. _events.Where(e => e.Event == "syncStatus").Select(e => (SyncStats)e.Payload)];

    internal IReadOnlyList<Alert> AlertEvents(string fingerprint)
        => [.. _events.Where(e => e.Event == "alert").Select(e => (Alert)e.Payload).Where(a => a.Fingerprint == fingerprint)];

    public Task PublishTaskProgressAsync(string taskId, object progress, CancellationToken cancellationToken)
        => Record("syncProgress", taskId, progress);

    public Task PublishSyncStatusAsync(object status, CancellationToken cancellationToken) => Record("syncStatus", null, status);

    public Task PublishAlertAsync(object alert, CancellationToken cancellationToken) => Record("alert", null, alert);

    private Task Record(string eventName, string? taskId, object payload)
    {
        _events.Enqueue((eventName, taskId, payload));
        return Task.CompletedTask;
    }
}
