using System.Threading.Channels;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;

/// <summary>Wakes the background sender when this instance has just written deliveries, so they leave at once
/// instead of at the next poll. Many wake-ups while the sender is busy coalesce into one.</summary>
internal sealed class AlertDeliveryWakeup
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<bool> Requests => _requests.Reader;

    public void Wake() => _requests.Writer.TryWrite(true);
}
