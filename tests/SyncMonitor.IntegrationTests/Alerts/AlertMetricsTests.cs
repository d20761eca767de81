using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>Meter SyncMonitor.Alerts of one host: the fired counter and the firing gauge read from the store.</summary>
public sealed class AlertMetricsTests
{
    [Fact]
    public async Task The_firing_gauge_follows_the_store_by_level_and_the_counter_counts_every_firing()
    {
        using var host = new AlertsHost();
        var meter = host.Services.GetRequiredService<AlertsMetrics>().Meter;
        var gauge = new ConcurrentDictionary<string, long>();
        long fired = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == AlertsMetrics.FiringName)
            {
                gauge[(string)tags.ToArray().Single(t => t.Key == "level").Value!] = value;
            }
            else if (instrument.Name == AlertsMetrics.FiredName)
            {
                Interlocked.Add(ref fired, value);
            }
        });
        listener.Start();

        await host.Raiser.FireAsync(AlertsHost.Signal("m1", AlertLevel.High), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("m1", AlertLevel.High), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("m2", AlertLevel.High), CancellationToken.None);
        await host.Raiser.FireAsync(AlertsHost.Signal("m3", AlertLevel.Critical), CancellationToken.None);

        Interlocked.Read(ref fired).Should().Be(4);
        await EventuallyAsync(listener, gauge, high: 2, critical: 1);

        var id = (await host.AlertsAsync(AlertsHost.FingerprintOf("m2"))).Single().GetProperty("id").GetString()!;
        await host.CreateClient(TestApiKeys.Operator).PostAsync(AlertsApiPaths.AcknowledgeFor(id), null);
        await EventuallyAsync(listener, gauge, high: 1, critical: 1);
        gauge["low"].Should().Be(0);
        gauge["medium"].Should().Be(0);
    }

    private static async Task EventuallyAsync(MeterListener listener, ConcurrentDictionary<string, long> gauge, long high, long critical)
        => await Eventually.HoldsAsync(() =>
        {
            listener.RecordObservableInstruments();
            return gauge.GetValueOrDefault("high") == high && gauge.GetValueOrDefault("critical") == critical;
        }, $"the gauge shows {high} high and {critical} critical");
}
