using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class ClientIpTests : IClassFixture<ClientIpTests.BehindProxy>, IClassFixture<ClientIpTests.Direct>
{
    private const string TrustedProxy = "127.0.0.2";
    private const string Client = "198.51.100.7";

    private readonly BehindProxy _behindProxy;
    private readonly Direct _direct;

    public ClientIpTests(BehindProxy behindProxy, Direct direct) => (_behindProxy, _direct) = (behindProxy, direct);

    public sealed class BehindProxy : SyncMonitorFactory
    {
        public BehindProxy()
        {
            this.WithTestEndpoints();
            With("OperationLogs:TrustedProxies:0", TrustedProxy);
            With("OperationLogs:TrustedProxies:1", "192.0.2.0/24");
        }
    }

    public sealed class Direct : SyncMonitorFactory
    {
        public Direct() => this.WithTestEndpoints();
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forwarded_header_is_ignored()
    {
        var entry = await RecordAsync(_direct, TrustedProxy, Client);
        entry.IpAddress.Should().Be(TrustedProxy);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_client_is_recorded()
    {
        var entry = await RecordAsync(_behindProxy, TrustedProxy, Client);
        entry.IpAddress.Should().Be(Client);
    }

    [Fact]
    public async Task A_forwarded_header_from_an_untrusted_peer_is_ignored()
    {
        var entry = await RecordAsync(_behindProxy, "127.0.0.9", Client);
        entry.IpAddress.Should().Be("127.0.0.9");
    }

    [Fact]
    public async Task A_chain_is_followed_through_trusted_proxies_only()
    {
        (await RecordAsync(_behindProxy, TrustedProxy, $"{Client}, 192.0.2.10")).IpAddress.Should().Be(Client);
        (await RecordAsync(_behindProxy, TrustedProxy, $"{Client}, 203.0.113.5")).IpAddress.Should().Be("203.0.113.5",
            "203.0.113.5 is not trusted, so what it claims is not believed");
    }

    [Fact]
    public async Task A_direct_call_records_the_connection_address()
    {
        (await RecordAsync(_behindProxy, "127.0.0.3", forwardedFor: null)).IpAddress.Should().Be("127.0.0.3");
    }

    [Fact]
    public async Task The_request_connection_is_left_unchanged_for_the_rest_of_the_app()
    {
        var context = await _behindProxy.Server.SendAsync(http =>
        {
            Prepare(http, "GET", TestEndpoints.RemoteIp, TrustedProxy, Client, OperationLogProbe.NewSession());
        });
        context.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        using var reader = new StreamReader(context.Response.Body);
        (await reader.ReadToEndAsync()).Should().Contain(TrustedProxy).And.NotContain(Client);
    }

    private static async Task<Api.Modules.OperationLogs.OperationLog> RecordAsync(SyncMonitorFactory host, string remote, string? forwardedFor)
    {
        var session = OperationLogProbe.NewSession();
        var context = await host.Server.SendAsync(http => Prepare(http, "POST", TestEndpoints.OperatorOnly, remote, forwardedFor, session));
        context.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        return (await host.WaitForSessionAsync(session)).Single();
    }

    private static void Prepare(HttpContext http, string method, string path, string remote, string? forwardedFor, string session)
    {
        http.Request.Method = method;
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Request.Headers["X-Api-Key"] = TestApiKeys.Operator;
        http.Request.Headers["X-Session-Id"] = session;
        if (forwardedFor is not null)
        {
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }
    }
}
