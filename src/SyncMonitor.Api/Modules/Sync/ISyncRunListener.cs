namespace SyncMonitor.Api.Modules.Sync;

/// <summary>Told about every run that ends (success, partial, failed, cancelled, or recovered after a crash).
/// Other modules (alerts, notifications, caches) register implementations; the Sync module knows none of them.
/// A listener that throws is logged and does not affect the run or the other listeners.</summary>
public interface ISyncRunListener
{
    Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken);
}
