using System.Collections.Concurrent;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Notifications;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>Stands in for the hub in alert tests: records every live event the Alerts module publishes.</summary>
internal sealed class RecordingRealtimePublisher : IRealtimePublisher
{
    private readonly ConcurrentQueue<(string Event, object Payload)> _events = new();

    public IReadOnlyList<Alert> AlertEvents(string fingerprint)
        => _events.Where(e => e.Event == "alert").Select(e => (Alert)e.Payload).Where(a => a.Fingerprint == fingerprint).ToList();

    public Task PublishTaskProgressAsync(string taskId, object progress, CancellationToken cancellationToken)
        => Record("syncProgress", progress);

    public Task PublishSyncStatusAsync(object status, CancellationToken cancellationToken) => Record("syncStatus", status);

    public Task PublishAlertAsync(object alert, CancellationToken cancellationToken) => Record("alert", alert);

    private Task Record(string eventName, object payload)
    {
        _events.Enqueue((eventName, payload));
        return Task.CompletedTask;
    }
}
