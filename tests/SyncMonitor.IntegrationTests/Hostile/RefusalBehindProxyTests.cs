using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>The refusal limiter keys on the client the trusted proxy forwarded: behind one proxy, a client that floods
/// with bad keys is blocked alone, and a peer that is not a trusted proxy cannot shed its block by claiming another
/// client in <c>X-Forwarded-For</c>.</summary>
public sealed class RefusalBehindProxyTests : IClassFixture<RefusalBehindProxyTests.Host>
{
    private const int Budget = 3;
    private const string Proxy = "127.0.0.2";
    private readonly Host _host;

    public RefusalBehindProxyTests(Host host) => _host = host;

    public sealed class Host : HostileHost
    {
        public Host()
        {
            With("RateLimiting:RefusedPermitsPerMinute", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
            With("OperationLogs:TrustedProxies:0", Proxy);
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_one_flooding_client_is_blocked_and_the_others_are_not()
    {
        var statuses = new List<int>();
        for (var i = 0; i < Budget + 3; i++)
        {
            statuses.Add(await SendAsync(Proxy, "198.51.100.7", "wrong-key"));
        }

        statuses.Take(Budget).Should().AllBeEquivalentTo(StatusCodes.Status401Unauthorized);
        statuses.Skip(Budget).Should().AllBeEquivalentTo(StatusCodes.Status429TooManyRequests);

        (await SendAsync(Proxy, "198.51.100.8", TestApiKeys.Viewer)).Should().Be(StatusCodes.Status200OK,
            "another client behind the same proxy is not the flooding one");
        (await SendAsync(Proxy, "198.51.100.7", TestApiKeys.Viewer)).Should().Be(StatusCodes.Status429TooManyRequests,
            "the flooding client stays blocked for the window, whatever key it now sends");
    }

    [Fact]
    public async Task An_untrusted_peer_cannot_shed_its_block_by_claiming_another_client()
    {
        const string peer = "203.0.113.50";
        for (var i = 0; i < Budget; i++)
        {
            (await SendAsync(peer, forwardedFor: $"192.0.2.{i}", "wrong-key")).Should().Be(StatusCodes.Status401Unauthorized);
        }

        (await SendAsync(peer, forwardedFor: "192.0.2.99", TestApiKeys.Viewer)).Should().Be(StatusCodes.Status429TooManyRequests,
            "X-Forwarded-For from a peer that is not a trusted proxy is not believed");
    }

    private async Task<int> SendAsync(string remote, string? forwardedFor, string apiKey)
    {
        var context = await _host.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/api/auth/me";
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            http.Request.Headers["X-Api-Key"] = apiKey;
            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
        return context.Response.StatusCode;
    }
}
