namespace SyncMonitor.Api.Modules.Sync;

/// <summary>Told when an operator discards a held stock-basics run: no run ends for it, so
/// <see cref="ISyncRunListener"/> hears nothing, yet whoever announced the hold (the <c>sync_held</c> alert) should take
/// it back. An approval ends as a run of its own and is announced like any run.</summary>
public interface IHeldRunListener
{
    Task OnHeldRunDiscardedAsync(HeldRunDiscarded discarded, CancellationToken cancellationToken);
}

/// <summary>A held run that was discarded. <see cref="OthersStillHeld"/>: another run of the same source is still held
/// (its hold still stands).</summary>
public sealed record HeldRunDiscarded(string TaskId, string Job, string DiscardedBy, bool OthersStillHeld);
