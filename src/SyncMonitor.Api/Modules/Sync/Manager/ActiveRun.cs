using ChangeSummary = SyncMonitor.Api.Modules.Sync.Changes.ChangeSummary;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>A run executing in this process: its lease, its cancellation (with the reason it fired) and its
/// live statistics.</summary>
internal sealed class ActiveRun(SyncStats run, HeldLease lease, RunRecorder recorder) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<SyncStats> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile SyncStats? _final;

    public SyncStats Run { get; } = run;

    public HeldLease Lease { get; } = lease;

    public RunRecorder Recorder { get; } = recorder;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Why the run was stopped; null while it has not been.</summary>
    public StopReason? Stop { get; private set; }

    public Common.Localization.LocalizedText? StopMessage { get; private set; }

    public Task<SyncStats> Completion => _completion.Task;

    /// <summary>The final record once the run has ended (while its end is still being written and announced).</summary>
    public SyncStats? Final => _final;

    /// <summary>The run as status readers see it: one immutable snapshot of its statistics (or its end). The same
    /// object while nothing changed, a new one after every change, so readers may key caches on it.</summary>
    public SyncStats Live => _final ?? LiveSnapshot();

    private volatile LiveEntry? _live;

    private SyncStats LiveSnapshot()
    {
        var totals = Recorder.Snapshot;
        var changes = Recorder.Changes;
        var live = _live;
        if (live is not null && ReferenceEquals(live.Totals, totals) && ReferenceEquals(live.Changes, changes))
        {
            return live.Run;
        }

        var run = RunRecorder.ApplyTo(Run, totals, changes);
        _live = new LiveEntry(totals, changes, run);
        return run;
    }

    private sealed record LiveEntry(RunTotals Totals, ChangeSummary? Changes, SyncStats Run);

    public void End(SyncStats final) => _final = final;

    public void RequestStop(StopReason reason, Common.Localization.LocalizedText message)
    {
        lock (_cancellation)
        {
            if (Stop is not null)
            {
                return;
            }

            Stop = reason;
            StopMessage = message;
        }

        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the run has already ended
        }
    }

    public void Complete(SyncStats final) => _completion.TrySetResult(final);

    public void Dispose() => _cancellation.Dispose();
}

internal enum StopReason
{
    Cancelled,
    LeaseLost,
    ShuttingDown,
}
