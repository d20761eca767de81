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
    private readonly OperationLogMetrics _metrics;
    private long _dropped;

    public OperationLogQueue(IOptions<OperationLogOptions> options, OperationLogMetrics metrics)
    {
        Capacity = options.Value.QueueCapacity;
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

    /// <summary>Woken (at most one pending signal) whenever an entry is dropped.</summary>
    public ChannelReader<bool> DropSignal => _dropSignal.Reader;

    public bool TryEnqueue(OperationLog entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        _metrics.Dropped();
        _dropSignal.Writer.TryWrite(true);
        return false;
    }

    /// <summary>No more entries are accepted; the writer drains what is queued.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
