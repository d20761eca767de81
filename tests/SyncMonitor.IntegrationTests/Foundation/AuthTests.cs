using System.Net;
using System.Net.Http.Json;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

public sealed class AuthTests : IClassFixture<AuthTests.Host>
{
    private readonly Host _host;

    public AuthTests(Host host) => _host = host;

    public sealed class Host : SyncMonitorFactory
    {
        public Host() => this.WithTestEndpoints();
    }

    [Fact]
    public async Task Request_without_a_key_is_401_problem()
    {
        var response = await _host.CreateClient(apiKey: null).GetAsync(AuthApiPaths.Me);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Request_with_an_unknown_key_is_401()
    {
        var response = await _host.CreateClient("not-a-key").GetAsync(AuthApiPaths.Me);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(TestApiKeys.Viewer, "u-viewer", "viewer")]
    [InlineData(TestApiKeys.Operator, "u-operator", "operator")]
    [InlineData(TestApiKeys.Admin, "u-admin", "admin")]
    public async Task Me_returns_the_caller_for_each_role(string key, string id, string role)
    {
        var me = await _host.CreateClient(key).GetFromJsonAsync<Dictionary<string, string>>(AuthApiPaths.Me);
        me.Should().Contain("id", id).And.Contain("role", role);
    }

    [Theory]
    [InlineData(TestApiKeys.Viewer, TestEndpoints.OperatorOnly, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Operator, TestEndpoints.OperatorOnly, HttpStatusCode.OK)]
    [InlineData(TestApiKeys.Admin, TestEndpoints.OperatorOnly, HttpStatusCode.OK)]
    [InlineData(TestApiKeys.Operator, TestEndpoints.AdminOnly, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Admin, TestEndpoints.AdminOnly, HttpStatusCode.OK)]
    public async Task Policies_admit_the_role_and_every_stronger_one(string key, string path, HttpStatusCode expected)
    {
        var response = await _host.CreateClient(key).PostAsync(path, content: null);
        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    [Fact]
    public async Task Access_token_in_the_query_is_ignored_outside_the_hub_path()
    {
        var response = await _host.CreateClient(apiKey: null).GetAsync(AuthApiPaths.Me + "?access_token=" + TestApiKeys.Admin);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_probes_need_no_key()
    {
        var client = _host.CreateClient(apiKey: null);
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
