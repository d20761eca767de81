using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>Makes one snapshot durable, then pushes it to the task's SignalR group (store first, so a client that
/// reacts to the push by reading finds at least that state).</summary>
internal sealed class ProgressWriter(IProgressStore store, IRealtimePublisher realtime, ILogger<ProgressWriter> logger)
{
    /// <summary>True when a store took the snapshot. Never throws for storage or push trouble.</summary>
    public async Task<bool> WriteAsync(TaskProgressSnapshot snapshot)
    {
        var stored = await store.SaveAsync(snapshot, CancellationToken.None);
        try
        {
            await realtime.PublishTaskProgressAsync(snapshot.TaskId, snapshot, CancellationToken.None);
        }
#pragma warning disable CA1031 // The publisher belongs to another module; a failed push must never fail a sync run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning("Progress push for {TaskId} failed ({Error})", snapshot.TaskId, ex.GetType().Name);
        }

        return stored;
    }
}
