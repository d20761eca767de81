using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics;

public sealed class MetricsEndpointTests : IClassFixture<MetricsTestHost>
{
    private readonly MetricsTestHost _host;

    public MetricsEndpointTests(MetricsTestHost host) => _host = host;

    [Fact]
    public async Task Metrics_is_prometheus_text_and_anonymous_by_default()
    {
        var response = await _host.CreateClient(apiKey: null).GetAsync(MetricsApiPaths.Metrics);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE http_requests_received_total counter");
    }

    [Fact]
    public async Task Http_series_carry_the_route_template_never_the_id()
    {
        var client = _host.CreateClient(TestApiKeys.Viewer);
        (await client.GetAsync(MetricsTestHost.Item(424242))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(MetricsTestHost.Item(424243))).StatusCode.Should().Be(HttpStatusCode.OK);

        var text = await _host.ScrapeAsync();

        text.Should().Contain("http_requests_received_total{method=\"GET\",route=\"/api/test/metrics/items/{id}\",code=\"200\"}");
        text.Should().Contain("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/test/metrics/items/{id}\",code=\"200\",le=\"0.001\"}");
        text.Should().NotContain("424242").And.NotContain("424243");
    }

    [Fact]
    public async Task Requests_that_match_no_endpoint_share_one_unmatched_label()
    {
        var client = _host.CreateClient(TestApiKeys.Viewer);
        await client.GetAsync("/no/such/path/9001");
        await client.GetAsync("/another/missing/9002");

        var text = await _host.ScrapeAsync();

        text.Should().Contain("http_requests_received_total{method=\"GET\",route=\"unmatched\",code=\"404\"}");
        text.Should().NotContain("9001").And.NotContain("/no/such/path");
    }

    [Fact]
    public async Task An_unknown_http_method_is_labelled_other()
    {
        using var request = new HttpRequestMessage(new HttpMethod("BREW"), "/no/such/teapot");
        await _host.CreateClient(TestApiKeys.Viewer).SendAsync(request);

        var text = await _host.ScrapeAsync();

        text.Should().Contain("method=\"OTHER\",route=\"unmatched\"").And.NotContain("BREW");
    }

    [Fact]
    public async Task A_SyncMonitor_meter_counter_appears_under_its_instrument_name_with_total()
    {
        var meter = _host.Services.GetRequiredService<IMeterFactory>().Create("SyncMonitor.MetricsProbe");
        var events = meter.CreateCounter<long>("syncmonitor_probe_events", description: "Probe events.");
        var depth = 7;
        meter.CreateObservableGauge("syncmonitor_probe_queue_depth", () => depth);
        var latency = meter.CreateHistogram("syncmonitor_probe_latency_seconds", unit: "s",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });

        events.Add(2, new KeyValuePair<string, object?>("kind", "a"), new KeyValuePair<string, object?>("source.name", "demo"));
        events.Add(1, new KeyValuePair<string, object?>("source.name", "demo"), new KeyValuePair<string, object?>("kind", "a"));
        latency.Record(0.5);

        var text = await _host.ScrapeAsync();

        text.Should().Contain("# HELP syncmonitor_probe_events_total Probe events.");
        text.Should().Contain("# TYPE syncmonitor_probe_events_total counter");
        text.Should().Contain("syncmonitor_probe_events_total{kind=\"a\",source_name=\"demo\"} 3");
        text.Should().Contain("# TYPE syncmonitor_probe_queue_depth gauge").And.Contain("syncmonitor_probe_queue_depth 7");
        text.Should().Contain("syncmonitor_probe_latency_seconds_bucket{le=\"0.1\"} 0")
            .And.Contain("syncmonitor_probe_latency_seconds_bucket{le=\"1\"} 1")
            .And.Contain("syncmonitor_probe_latency_seconds_count 1");
    }

    [Fact]
    public async Task Other_meters_go_through_the_stock_adapter_prefixed_with_the_meter_name()
    {
        var meter = _host.Services.GetRequiredService<IMeterFactory>().Create("Probe.Library");
        meter.CreateCounter<int>("cache-hits").Add(4);

        var text = await _host.ScrapeAsync();

        text.Should().Contain("# TYPE probe_library_cache_hits gauge").And.Contain("probe_library_cache_hits 4");
    }

    [Fact]
    public async Task Meters_of_another_host_in_the_process_are_not_exported()
    {
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var foreign = otherHost.GetRequiredService<IMeterFactory>().Create("SyncMonitor.ForeignProbe");
        foreign.CreateCounter<long>("syncmonitor_foreign_probe_events").Add(1);

        var text = await _host.ScrapeAsync();

        text.Should().NotContain("syncmonitor_foreign_probe_events");
    }

    [Fact]
    public async Task An_instrument_whose_name_clashes_with_another_metric_is_skipped_without_throwing_into_the_caller()
    {
        var meter = _host.Services.GetRequiredService<IMeterFactory>().Create("SyncMonitor.ClashProbe");
        var clash = meter.CreateUpDownCounter<int>("http_requests_received_total");

        var add = () => clash.Add(1);

        add.Should().NotThrow();
        (await _host.ScrapeAsync()).Should().Contain("# TYPE http_requests_received_total counter");
    }

    [Fact]
    public async Task Health_gauge_reports_each_registered_check()
    {
        var text = await _host.ScrapeUntilAsync(t => t.Contains("syncmonitor_health_status{check=\"redis\"}"));

        text.Should().Contain("# TYPE syncmonitor_health_status gauge");
        text.Should().Contain("syncmonitor_health_status{check=\"store\"} 1");
        text.Should().Contain("syncmonitor_health_status{check=\"redis\"} 1");
    }

    [Fact]
    public async Task Store_operations_feed_the_store_latency_histogram_and_every_operation_the_operation_histogram()
    {
        var timings = _host.Services.GetRequiredService<IOperationTimings>();
        timings.Record("store.probe.upsert", TimeSpan.FromMilliseconds(30), success: true);
        timings.Record("source.probe.stock_list", TimeSpan.FromSeconds(3), success: false);

        var text = await _host.ScrapeAsync();

        text.Should().Contain("syncmonitor_store_latency_seconds_count{operation=\"store.probe.upsert\"} 1");
        text.Should().Contain("syncmonitor_operation_duration_seconds_count{operation=\"store.probe.upsert\"} 1");
        text.Should().Contain("syncmonitor_operation_duration_seconds_count{operation=\"source.probe.stock_list\"} 1");
        text.Should().NotContain("syncmonitor_store_latency_seconds_count{operation=\"source.probe.stock_list\"}");
        text.Should().Contain("syncmonitor_operation_errors_total{operation=\"source.probe.stock_list\"} 1");
        text.Should().Contain("syncmonitor_operation_slow_total{operation=\"source.probe.stock_list\",level=\"warning\"} 1");
    }
}

public sealed class MetricsAccessRuleTests
{
    [Fact]
    public async Task With_RequireApiKey_metrics_needs_a_viewer_key()
    {
        using var host = new SyncMonitorFactory().With("Metrics:RequireApiKey", "true");

        (await host.CreateClient(apiKey: null).GetAsync(MetricsApiPaths.Metrics)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.CreateClient("not-a-key").GetAsync(MetricsApiPaths.Metrics)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var response = await host.CreateClient(TestApiKeys.Viewer).GetAsync(MetricsApiPaths.Metrics);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("http_requests_received_total");
    }
}
