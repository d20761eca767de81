namespace SyncMonitor.Api.Modules.Sync;

/// <summary>Told about every run that ends (success, partial, failed, cancelled, or recovered after a crash).
/// Other modules (alerts, notifications, caches) register implementations; the Sync module knows none of them.
/// A listener that throws is logged and does not affect the run or the other listeners.</summary>
public interface ISyncRunListener
{
    /// <summary>When the listener is told, see <see cref="SyncRunListenerStage"/>.</summary>
    SyncRunListenerStage Stage => SyncRunListenerStage.Announce;

    Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken);
}

public enum SyncRunListenerStage
{
    /// <summary>Before anyone can see the run as ended: for readers of the data it wrote (caches drop stale entries),
    /// so no one who sees the end reads data older than it.</summary>
    Invalidate,

    /// <summary>Once the end is visible (record, progress, lock released): for telling people (notifications, alerts),
    /// so what they are told is what they then read.</summary>
    Announce,
}
