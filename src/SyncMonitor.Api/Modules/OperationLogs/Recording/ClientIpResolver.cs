using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Http;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>The client IP for the log and the refusal limiter: the connection's address, or — only when that address is a configured
/// trusted proxy — what <c>X-Forwarded-For</c> says, walked right to left through trusted proxies by ASP.NET
/// Core's own <see cref="ForwardedHeadersMiddleware"/>. It runs on a scratch context, so the request's
/// connection (seen by rate limiting and everything else) is left as it is.</summary>
internal sealed class ClientIpResolver : IClientAddress
{
    private readonly ForwardedHeadersMiddleware? _forwarders;

    public ClientIpResolver(IOptions<OperationLogOptions> options, ILoggerFactory loggerFactory)
    {
        var trusted = options.Value.TrustedProxies;
        if (trusted.Length == 0)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
        }

        _forwarders = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, loggerFactory, Options.Create(forwarded));
    }

    public string? Resolve(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        var forwardedFor = context.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName];
        if (_forwarders is not null && remote is not null && forwardedFor.Count > 0)
        {
            var scratch = new DefaultHttpContext();
            scratch.Connection.RemoteIpAddress = remote;
            scratch.Connection.RemotePort = context.Connection.RemotePort;
            scratch.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName] = forwardedFor;
            _forwarders.ApplyForwarders(scratch);
            remote = scratch.Connection.RemoteIpAddress;
        }

        return remote is null ? null : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
    }
}
