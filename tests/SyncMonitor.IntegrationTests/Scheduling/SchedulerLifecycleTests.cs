using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using SyncMonitor.Api.Common.Health;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Scheduling;

/// <summary>Each test owns its host: metrics are read off that host's meter, and one test stops its host.</summary>
public sealed class SchedulerLifecycleTests
{
    [Fact]
    public async Task Readiness_reports_the_scheduler_healthy_as_soon_as_the_host_is_up()
    {
        await using var host = new SchedulerHost();

        var response = await host.CreateClient(apiKey: null).GetAsync(HealthApiPaths.Ready);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString().Should().Be("healthy");
    }

    [Fact]
    public async Task Every_run_is_counted_by_job_and_outcome()
    {
        await using var host = new SchedulerHost();
        var admin = host.CreateClient(TestApiKeys.Admin);
        var runs = new ConcurrentBag<(string Job, string Outcome)>();
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "SyncMonitor.Scheduler" && instrument.Meter.Scope == meterFactory
                    && instrument.Name == "syncmonitor_scheduler_job_runs")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
            for (var i = 0; i < value; i++)
            {
                runs.Add((tagged["job"], tagged["outcome"]));
            }
        });
        listener.Start();

        (await admin.PostAsync(SchedulerApiPaths.Trigger("probe_metrics"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await admin.PostAsync(SchedulerApiPaths.Trigger("failing"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.HoldsAsync(() => runs.Count >= 2, "both runs are counted");
        runs.Should().BeEquivalentTo([("probe_metrics", "success"), ("failing", "failed")]);
    }

    [Fact]
    public async Task A_graceful_stop_waits_for_the_running_job_to_finish()
    {
        var host = new SchedulerHost();
        var probe = host.Probe("probe_a");
        probe.Gated = true;
        (await host.CreateClient(TestApiKeys.Admin).PostAsync(SchedulerApiPaths.Trigger("probe_a"), content: null))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => probe.Started == 1, "the run started");
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var stopping = Task.Run(async () => await host.DisposeAsync());
        await Eventually.HoldsAsync(() => scheduler.Status == SchedulerStatus.ShuttingDown, "the scheduler is shutting down");
        // Longer than the couple of seconds a stop that does not wait still grants jobs to report in.
        (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(5)))).Should().NotBeSameAs(stopping, "the stop waits for the job");
        probe.Finished.Should().Be(0);

        probe.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));
        probe.Finished.Should().Be(1);
        scheduler.Status.Should().Be(SchedulerStatus.Shutdown);
    }
    [Fact]
    public async Task The_wait_for_a_job_that_never_ends_is_bounded_by_the_host_shutdown_timeout()
    {
        var host = new SchedulerHost();
        host.WithServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        var probe = host.Probe("probe_a");
        probe.Gated = true;
        (await host.CreateClient(TestApiKeys.Admin).PostAsync(SchedulerApiPaths.Trigger("probe_a"), content: null))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => probe.Started == 1, "the run started");

        try
        {
            await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            probe.Finished.Should().Be(0, "the stop gave up waiting rather than the job finishing");
        }
        finally
        {
            probe.Release();
        }
    }
}
