using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>The bounded hand-over between requests and the writer. Enqueueing never waits: when the queue is
/// full (or closed for shutdown) the entry is dropped and counted, and the drop reporter is woken.</summary>
internal sealed class OperationLogQueue
{
    private readonly Channel<OperationLog> _channel;
    private readonly Channel<bool> _dropSignal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    // Wakes the writer when a batch is ready, so that it does not wake for every single entry.
    private readonly Channel<bool> _batchSignal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly OperationLogMetrics _metrics;
    private long _dropped;
    private int _undrained;
    private int _wakeAt;

    public OperationLogQueue(IOptions<OperationLogOptions> options, OperationLogMetrics metrics)
    {
        Capacity = options.Value.QueueCapacity;
        _wakeAt = options.Value.BatchSize;
        _channel = Channel.CreateBounded<OperationLog>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite answers false at once when full; nothing waits
            SingleReader = true,
        });
        _metrics = metrics;
        metrics.ObserveQueueDepth(() => _channel.Reader.Count);
    }

    public int Capacity { get; }

    public int Depth => _channel.Reader.Count;

    /// <summary>Entries dropped since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<OperationLog> Reader => _channel.Reader;

    /// <summary>Signalled when a full batch may be waiting.</summary>
    public ChannelReader<bool> BatchSignal => _batchSignal.Reader;

    /// <summary>Woken (at most one pending signal) whenever an entry is dropped.</summary>
    public ChannelReader<bool> DropSignal => _dropSignal.Reader;

    public bool TryEnqueue(OperationLog entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            // Counting up one at a time, the count passes the writer's threshold exactly at it.
            if (Interlocked.Increment(ref _undrained) == Volatile.Read(ref _wakeAt))
            {
                _batchSignal.Writer.TryWrite(true);
            }

            return true;
        }

        Interlocked.Increment(ref _dropped);
        _metrics.Dropped();
        _dropSignal.Writer.TryWrite(true);
        return false;
    }

    /// <summary>Asks for <see cref="BatchSignal"/> once <paramref name="count"/> entries are queued; answers
    /// whether they already are (then no signal will come).</summary>
    public bool WakeWhenQueued(int count)
    {
        Interlocked.Exchange(ref _wakeAt, count);
        return Volatile.Read(ref _undrained) >= count;
    }

    /// <summary>Takes up to what <paramref name="batch"/> has room for (up to <paramref name="limit"/> entries).</summary>
    public void Drain(List<OperationLog> batch, int limit)
    {
        var taken = 0;
        while (batch.Count < limit && _channel.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
            taken++;
        }

        Interlocked.Add(ref _undrained, -taken);
    }

    /// <summary>No more entries are accepted; the writer drains what is queued.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
