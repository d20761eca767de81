namespace SyncMonitor.Api.Common.Http;

/// <summary>Who a request comes from, as the rate limits and the audit see it: the connection's address, or the client
/// a configured trusted proxy forwarded (so clients behind one proxy are not one client). Null when unknown.</summary>
public interface IClientAddress
{
    string? Resolve(HttpContext context);
}

/// <summary>The connection's address; stands in until a module registers a proxy-aware resolver.</summary>
internal sealed class ConnectionClientAddress : IClientAddress
{
    public string? Resolve(HttpContext context) => context.Connection.RemoteIpAddress is { } remote
        ? (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString()
        : null;
}
