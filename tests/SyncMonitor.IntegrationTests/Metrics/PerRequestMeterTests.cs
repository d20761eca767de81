using SyncMonitor.Api.Common.Health;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary>The ASP.NET Core meters that record on every request are left out of <c>/metrics</c> by default (the HTTP
/// series already count and time requests; exporting them was a large share of a cheap request's CPU), and come back
/// with <c>Metrics:ExportPerRequestMeters</c>.</summary>
public sealed class PerRequestMeterTests
{
    private const string HostingSeries = "microsoft_aspnetcore_hosting_http_server_request_duration";

    [Fact]
    public async Task Per_request_aspnetcore_meters_are_not_exported_by_default_while_the_http_series_are()
    {
        using var host = new MetricsTestHost();
        (await host.CreateClient(TestApiKeys.Viewer).GetAsync(MetricsTestHost.Item(7))).EnsureSuccessStatusCode();
        (await host.CreateClient(apiKey: null).GetAsync(HealthApiPaths.Live)).EnsureSuccessStatusCode();

        var text = await host.ScrapeAsync();

        text.Should().Contain("http_requests_received_total{method=\"GET\",route=\"/api/test/metrics/items/{id}\",code=\"200\"}");
        text.Should().NotContain("microsoft_aspnetcore_hosting").And.NotContain("microsoft_aspnetcore_authorization")
            .And.NotContain("microsoft_aspnetcore_authentication").And.NotContain("microsoft_aspnetcore_routing");
    }

    [Fact]
    public async Task With_ExportPerRequestMeters_the_hosting_meter_is_exported()
    {
        using var host = new MetricsTestHost();
        host.With("Metrics:ExportPerRequestMeters", "true");
        (await host.CreateClient(apiKey: null).GetAsync(HealthApiPaths.Live)).EnsureSuccessStatusCode();

        var text = await host.ScrapeUntilAsync(t => t.Contains(HostingSeries));

        text.Should().Contain(HostingSeries);
    }
}
