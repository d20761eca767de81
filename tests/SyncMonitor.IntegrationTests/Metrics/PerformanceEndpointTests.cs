using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics;

public sealed class PerformanceEndpointTests : IClassFixture<MetricsTestHost>
{
    private readonly MetricsTestHost _host;

    public PerformanceEndpointTests(MetricsTestHost host) => _host = host;

    [Fact]
    public async Task Performance_shows_the_endpoints_just_called_by_route_template()
    {
        var client = _host.CreateClient(TestApiKeys.Viewer);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(AuthApiPaths.Me)).EnsureSuccessStatusCode();
            (await client.GetAsync(MetricsTestHost.Item(i))).EnsureSuccessStatusCode();
        }

        var report = await client.GetFromJsonAsync<JsonElement>(MetricsApiPaths.Performance);

        report.GetProperty("window_minutes").GetInt32().Should().Be(15);
        report.GetProperty("slow_warning_ms").GetInt32().Should().Be(2000);
        report.GetProperty("slow_critical_ms").GetInt32().Should().Be(5000);
        var operations = report.GetProperty("operations").EnumerateArray().ToList();
        var me = operations.Single(o => o.GetProperty("operation").GetString() == "http.GET " + AuthApiPaths.Me);
        me.GetProperty("count").GetInt64().Should().BeGreaterThanOrEqualTo(3);
        me.GetProperty("errors").GetInt64().Should().Be(0);
        foreach (var field in new[] { "avg_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms" })
        {
            me.GetProperty(field).GetDouble().Should().BeGreaterThanOrEqualTo(0);
        }

        me.GetProperty("p99_ms").GetDouble().Should().BeLessThanOrEqualTo(me.GetProperty("max_ms").GetDouble());
        me.GetProperty("slow_warning").GetInt64().Should().Be(0);
        me.GetProperty("slow_critical").GetInt64().Should().Be(0);
        operations.Select(o => o.GetProperty("operation").GetString()).Should().Contain("http.GET " + MetricsTestHost.ItemTemplate)
            .And.NotContain(o => o!.Contains("/items/1", StringComparison.Ordinal));
        operations.Select(o => o.GetProperty("count").GetInt64()).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task Operation_prefix_filters_and_p95_sorts()
    {
        var timings = _host.Services.GetRequiredService<IOperationTimings>();
        timings.Record("check.perf_probe.fast", TimeSpan.FromMilliseconds(5), success: true);
        timings.Record("check.perf_probe.fast", TimeSpan.FromMilliseconds(6), success: true);
        timings.Record("check.perf_probe.slow", TimeSpan.FromMilliseconds(900), success: true);

        var report = await _host.CreateClient(TestApiKeys.Viewer)
            .GetFromJsonAsync<JsonElement>(MetricsApiPaths.Performance + "?sort=p95&operation=check.perf_probe.");

        report.GetProperty("sort").GetString().Should().Be("p95");
        report.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("operation").GetString())
            .Should().Equal("check.perf_probe.slow", "check.perf_probe.fast");
    }

    [Fact]
    public async Task An_unknown_sort_is_a_400_problem_naming_the_field()
    {
        var response = await _host.CreateClient(TestApiKeys.Viewer).GetAsync(MetricsApiPaths.Performance + "?sort=slowest");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("sort").EnumerateArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Performance_needs_a_key()
    {
        var response = await _host.CreateClient(apiKey: null).GetAsync(MetricsApiPaths.Performance);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
