using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;

/// <summary><c>syncmonitor_alert_deliveries_total{channel,type,outcome}</c> counts every attempt's outcome per
/// delivery (<c>delivered</c>, <c>retrying</c>, <c>failed</c>), every configured channel exported at 0 from the start;
/// <c>syncmonitor_alert_delivery_pending</c> is the number of pending and retrying deliveries, read from the store by
/// the sender on each pass (0 until the first).</summary>
internal sealed class AlertDeliveryMetrics : IStartupSeries
{
    public const string DeliveriesName = "syncmonitor_alert_deliveries";
    public const string PendingName = "syncmonitor_alert_delivery_pending";

    private readonly Counter<long> _deliveries;
    private readonly AlertChannelCatalog _channels;
    private long _pending;

    public AlertDeliveryMetrics(IMeterFactory meters, AlertChannelCatalog channels)
    {
        _channels = channels;
        var meter = meters.Create(AlertsMetrics.MeterName);
        _deliveries = meter.CreateCounter<long>(DeliveriesName, description: "Alert delivery attempts by channel, channel type and outcome.");
        meter.CreateObservableGauge(PendingName, () => Interlocked.Read(ref _pending), description: "Alert deliveries pending or retrying.");
    }

    /// <summary>Every configured channel × outcome at zero from the start.</summary>
    public IEnumerable<StartupSeries> Declare() => _channels.All.SelectMany(channel => StartupSeries.Each(_deliveries,
        ("channel", [channel.Name]),
        ("type", [AlertChannelNames.Of(channel.Type)]),
        ("outcome", Enum.GetValues<AlertDeliveryStatus>().Where(s => s != AlertDeliveryStatus.Pending).Select(AlertDeliveryNames.Of))));

    public void Record(AlertChannelConfig channel, AlertDeliveryStatus outcome, long count) => _deliveries.Add(count,
        new KeyValuePair<string, object?>("channel", channel.Name),
        new KeyValuePair<string, object?>("type", AlertChannelNames.Of(channel.Type)),
        new KeyValuePair<string, object?>("outcome", AlertDeliveryNames.Of(outcome)));

    public void UpdatePending(long pending) => Interlocked.Exchange(ref _pending, pending);
}
