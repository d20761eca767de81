using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary><c>/api/monitoring/alerts</c>: listing for viewers, acknowledge/resolve for operators.</summary>
public sealed class AlertEndpointsTests(AlertsHost host) : IClassFixture<AlertsHost>
{
    private async Task<string> FireAsync(string scope, AlertLevel level = AlertLevel.High)
    {
        await host.Raiser.FireAsync(AlertsHost.Signal(scope, level), CancellationToken.None);
        return (await host.AlertsAsync(AlertsHost.FingerprintOf(scope))).Single(a => a.GetProperty("status").GetString() != "resolved")
            .GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Viewers_list_alerts_newest_first_within_the_limit_with_the_total()
    {
        await FireAsync("list-a");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await FireAsync("list-b");

        var body = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?limit=1");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Should().ContainSingle().Which.GetProperty("fingerprint").GetString().Should().Be(AlertsHost.FingerprintOf("list-b"));
        body.GetProperty("total").GetInt64().Should().BeGreaterThanOrEqualTo(2);
        body.GetProperty("limit").GetInt32().Should().Be(1);
        items[0].GetProperty("labels").GetProperty("scope").GetString().Should().Be("list-b");
    }

    [Fact]
    public async Task Filters_by_status_and_level()
    {
        var id = await FireAsync("filter-critical", AlertLevel.Critical);
        await host.CreateClient(TestApiKeys.Operator).PostAsync(AlertsApiPaths.AcknowledgeFor(id), null);

        var body = await host.CreateClient(TestApiKeys.Viewer)
            .GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?status=acknowledged&level=critical&limit=500");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Should().Contain(a => a.GetProperty("id").GetString() == id);
        items.Should().OnlyContain(a => a.GetProperty("status").GetString() == "acknowledged" && a.GetProperty("level").GetString() == "critical");
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?status=open", "status")]
    [InlineData("?level=urgent", "level")]
    public async Task Bad_query_values_are_400_problems_naming_the_field(string query, string field)
    {
        var response = await host.CreateClient(TestApiKeys.Viewer).GetAsync(AlertsApiPaths.List + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Listing_needs_a_key()
        => (await host.CreateClient(apiKey: null).GetAsync(AlertsApiPaths.List)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Viewers_may_not_acknowledge_or_resolve()
    {
        var id = await FireAsync("viewer-denied");
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        (await viewer.PostAsync(AlertsApiPaths.AcknowledgeFor(id), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsync(AlertsApiPaths.ResolveFor(id), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.AlertsAsync(AlertsHost.FingerprintOf("viewer-denied"))).Single().GetProperty("status").GetString().Should().Be("firing");
    }

    [Fact]
    public async Task An_operator_acknowledges_then_resolves_and_a_second_resolve_is_409()
    {
        var id = await FireAsync("lifecycle");
        var operatorClient = host.CreateClient(TestApiKeys.Operator);

        var acked = await operatorClient.PostAsync(AlertsApiPaths.AcknowledgeFor(id), null);
        var ackedAgain = await operatorClient.PostAsync(AlertsApiPaths.AcknowledgeFor(id), null);
        var resolved = await host.CreateClient(TestApiKeys.Admin).PostAsync(AlertsApiPaths.ResolveFor(id), null);
        var resolvedAgain = await operatorClient.PostAsync(AlertsApiPaths.ResolveFor(id), null);
        var ackResolved = await operatorClient.PostAsync(AlertsApiPaths.AcknowledgeFor(id), null);

        acked.StatusCode.Should().Be(HttpStatusCode.OK);
        var ackBody = await acked.Content.ReadFromJsonAsync<JsonElement>();
        ackBody.GetProperty("status").GetString().Should().Be("acknowledged");
        ackBody.GetProperty("acknowledged_by").GetString().Should().Be("u-operator");
        ackedAgain.StatusCode.Should().Be(HttpStatusCode.OK, "acknowledging twice is harmless");
        resolved.StatusCode.Should().Be(HttpStatusCode.OK);
        var resolvedBody = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        resolvedBody.GetProperty("status").GetString().Should().Be("resolved");
        resolvedBody.GetProperty("resolved_by").GetString().Should().Be("u-admin");
        resolvedAgain.StatusCode.Should().Be(HttpStatusCode.Conflict);
        resolvedAgain.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ackResolved.StatusCode.Should().Be(HttpStatusCode.Conflict);
        host.Realtime.AlertEvents(AlertsHost.FingerprintOf("lifecycle")).Select(a => a.Status)
            .Should().Equal(AlertStatus.Firing, AlertStatus.Acknowledged, AlertStatus.Resolved);
    }

    [Theory]
    [InlineData("ack")]
    [InlineData("resolve")]
    public async Task Unknown_ids_are_404_problems(string action)
    {
        var path = action == "ack" ? AlertsApiPaths.AcknowledgeFor("ffffffffffffffffffffffff") : AlertsApiPaths.ResolveFor("no-such-alert");
        var response = await host.CreateClient(TestApiKeys.Operator).PostAsync(path, null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await host.CreateClient(TestApiKeys.Viewer).GetAsync(AlertsApiPaths.ItemFor("no-such-alert"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_single_alert_is_served_by_id()
    {
        var id = await FireAsync("by-id");
        var alert = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.ItemFor(id));
        alert.GetProperty("id").GetString().Should().Be(id);
        alert.GetProperty("rule").GetString().Should().Be("test_rule");
    }
}
