using System.Net;
using System.Text.Json;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

public sealed class HostConventionsTests : IClassFixture<SyncMonitorFactory>
{
    private readonly SyncMonitorFactory _host;

    public HostConventionsTests(SyncMonitorFactory host) => _host = host;

    [Fact]
    public async Task Every_response_carries_a_correlation_id_and_a_well_formed_incoming_one_is_kept()
    {
        var client = _host.CreateClient(TestApiKeys.Viewer);
        var generated = await client.GetAsync("/api/auth/me");
        generated.Headers.GetValues("X-Correlation-Id").Single().Should().MatchRegex("^[0-9a-f]{32}$");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("X-Correlation-Id", "trace-abc.123");
        (await client.SendAsync(request)).Headers.GetValues("X-Correlation-Id").Single().Should().Be("trace-abc.123");

        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        hostile.Headers.TryAddWithoutValidation("X-Correlation-Id", "evil\u0001value with spaces");
        (await client.SendAsync(hostile)).Headers.GetValues("X-Correlation-Id").Single().Should().NotContain("evil");
    }

    [Fact]
    public async Task Swagger_documents_the_api_key_scheme_without_a_key()
    {
        var response = await _host.CreateClient(apiKey: null).GetAsync("/swagger/v1/swagger.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("in").GetString().Should().Be("header");
        scheme.GetProperty("name").GetString().Should().Be("X-Api-Key");
        (await _host.CreateClient(apiKey: null).GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logs_roll_into_the_data_directory()
    {
        await _host.CreateClient(TestApiKeys.Viewer).GetAsync("/api/auth/me");
        Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "logs"), "syncmonitor-*.log").Should().NotBeEmpty();
    }

    [Fact]
    public async Task Json_is_snake_case_with_lowercase_enums()
    {
        var body = await _host.CreateClient(TestApiKeys.Operator).GetStringAsync("/api/auth/me");
        body.Should().Be("{\"id\":\"u-operator\",\"name\":\"Otto Operator\",\"role\":\"operator\"}");
    }
}
