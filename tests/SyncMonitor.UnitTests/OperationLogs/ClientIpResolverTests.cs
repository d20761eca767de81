using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Recording;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class ClientIpResolverTests
{
    private static string? Resolve(string[] trusted, string remote, string? forwardedFor)
    {
        var resolver = new ClientIpResolver(Options.Create(new OperationLogOptions { TrustedProxies = trusted }), NullLoggerFactory.Instance);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        var ip = resolver.Resolve(context);
        context.Connection.RemoteIpAddress.Should().Be(IPAddress.Parse(remote), "the request itself is not changed");
        return ip;
    }

    [Fact]
    public void An_ipv4_mapped_peer_is_recorded_as_ipv4() => Resolve([], "::ffff:127.0.0.5", null).Should().Be("127.0.0.5");

    [Fact]
    public void A_trusted_ipv6_network_forwards() => Resolve(["fd00::/8"], "fd00::1", "2001:db8::7").Should().Be("2001:db8::7");

    [Fact]
    public void Loopback_is_not_trusted_unless_configured()
        => Resolve(["10.1.0.0/16"], "127.0.0.1", "198.51.100.7").Should().Be("127.0.0.1");
}
