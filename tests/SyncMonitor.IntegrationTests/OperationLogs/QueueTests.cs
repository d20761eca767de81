using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Recording;
using SyncMonitor.Api.Modules.OperationLogs.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class QueueTests
{
    [Fact]
    public async Task Graceful_shutdown_stores_every_queued_entry()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        const int Calls = 150;
        var host = SyncMonitorFactory.ForDataDirectory(dataDirectory).WithTestEndpoints()
            // Nothing is flushed by size or time before the shutdown.
            .With("OperationLogs:BatchSize", "10000")
            .With("OperationLogs:FlushIntervalMs", "60000");
        try
        {
            var client = host.CreateClient(TestApiKeys.Operator);
            for (var i = 0; i < Calls; i++)
            {
                (await client.PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
            }

            (await host.AllAsync()).Should().BeEmpty("the writer is still collecting its first batch");
            await host.DisposeAsync();

            await using var restarted = SyncMonitorFactory.ForDataDirectory(dataDirectory);
            (await restarted.AllAsync()).Where(e => e.Action == "POST " + TestEndpoints.OperatorOnly).Should().HaveCount(Calls);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_entries_without_failing_or_blocking_requests()
    {
        var store = new FakeOperationLogStore { Blocked = true };
        var alerts = new FakeAlertRaiser();
        using var host = new SyncMonitorFactory().WithTestEndpoints()
            .With("OperationLogs:QueueCapacity", "5")
            .With("OperationLogs:BatchSize", "1")
            .WithServices(services =>
            {
                services.RemoveAll<IOperationLogStore>();
                services.AddSingleton<IOperationLogStore>(store);
                services.RemoveAll<IAlertRaiser>();
                services.AddSingleton<IAlertRaiser>(alerts);
            });
        using var dropped = new DropCounter(host.Services.GetRequiredService<IMeterFactory>());
        var client = host.CreateClient(TestApiKeys.Operator);

        (await client.PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 1; i < 30; i++)
        {
            (await client.PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var queue = host.Services.GetRequiredService<OperationLogQueue>();
        // One entry is held by the blocked writer, five wait in the queue: the other 24 are dropped.
        await Eventually.HoldsAsync(() => queue.Dropped >= 24, "24 entries were dropped");
        queue.Dropped.Should().Be(24);
        queue.Depth.Should().Be(5);
        dropped.Total.Should().Be(24);
        await Eventually.HoldsAsync(() => alerts.Fired.Count > 0, "the drop alert fired");
        alerts.Fired.Should().ContainSingle("further drops within the interval are not reported again")
            .Which.Rule.Should().Be(AlertRules.OperationLogDrops);

        store.Release();
        await Eventually.HoldsAsync(() => store.Count == 6, "the held and queued entries were stored");
    }

    /// <summary>Listens to this host's <c>syncmonitor_oplog_dropped</c> counter only.</summary>
    private sealed class DropCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public DropCounter(IMeterFactory hostMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "syncmonitor_oplog_dropped" && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
