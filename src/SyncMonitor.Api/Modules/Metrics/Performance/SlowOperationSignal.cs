using System.Threading.Channels;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>Wakes the slow-operation alert loop from the recording hot path without blocking it: a one-slot
/// channel that drops extra wake-ups, so a storm of slow calls costs the loop one evaluation, not one each.</summary>
internal sealed class SlowOperationSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Returns after a wake-up or, at the latest, after <paramref name="period"/> on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan period, TimeProvider time, CancellationToken cancellationToken)
    {
        using var elapsed = new CancellationTokenSource(period, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, elapsed.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The period elapsed without a slow call: time for the routine re-check.
        }
    }
}
