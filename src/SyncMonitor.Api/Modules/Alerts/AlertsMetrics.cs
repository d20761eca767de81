using System.Diagnostics.Metrics;
using System.Threading.Channels;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>Meter <c>SyncMonitor.Alerts</c>: <c>syncmonitor_alerts_fired</c> counts every firing (repeats
/// included) by rule and level; <c>syncmonitor_alerts_firing</c> is the number of alerts with status firing by
/// level, read from the store by <see cref="AlertFiringGaugeRefresher"/> (at most 15 s old, sooner after a
/// change) because an observable callback cannot wait for a store. Firings of every known rule and level exist from
/// the start at zero.</summary>
internal sealed class AlertsMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.Alerts";
    public const string FiredName = "syncmonitor_alerts_fired";
    public const string FiringName = "syncmonitor_alerts_firing";

    private static readonly IReadOnlyDictionary<AlertLevel, long> None = new Dictionary<AlertLevel, long>();

    private readonly Counter<long> _fired;
    private readonly Channel<bool> _refreshRequests =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private volatile IReadOnlyDictionary<AlertLevel, long> _firing = None;

    public AlertsMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _fired = Meter.CreateCounter<long>(FiredName, description: "Alert firings, repeats of an open alert included, by rule and level.");
        Meter.CreateObservableGauge(FiringName, ObserveFiring, description: "Alerts with status firing, by level.");
    }

    public Meter Meter { get; }

    public ChannelReader<bool> RefreshRequests => _refreshRequests.Reader;

    public void RecordFired(string rule, AlertLevel level)
        => _fired.Add(1, new KeyValuePair<string, object?>("rule", rule), new KeyValuePair<string, object?>("level", AlertNames.Of(level)));

    public IEnumerable<StartupSeries> Declare()
        => StartupSeries.Each(_fired, ("rule", AlertRules.All), ("level", Enum.GetValues<AlertLevel>().Select(AlertNames.Of)));

    public void UpdateFiring(IReadOnlyDictionary<AlertLevel, long> counts) => _firing = counts;

    /// <summary>Asks the refresher to re-read the counts now (coalesced: many requests, one read).</summary>
    public void RequestFiringRefresh() => _refreshRequests.Writer.TryWrite(true);

    private IEnumerable<Measurement<long>> ObserveFiring()
    {
        var firing = _firing;
        return Enum.GetValues<AlertLevel>().Select(level => new Measurement<long>(
            firing.GetValueOrDefault(level), new KeyValuePair<string, object?>("level", AlertNames.Of(level))));
    }
}
