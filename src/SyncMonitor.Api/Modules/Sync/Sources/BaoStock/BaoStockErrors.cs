using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>Bytes that are not a BaoStock frame: a bad header, a CRC32 mismatch, a length that does not add up, a
/// body that does not inflate, or a connection closed mid-frame. Transient: the next attempt may get a whole frame.</summary>
public sealed class BaoStockFrameException(string message, Exception? inner = null)
    : SourceProtocolException(SourceFailureKind.BadResponse, message, isTransient: true, inner);

/// <summary>A frame whose body starts with an error code other than 0 (codes from the client's <c>contants.py</c>).</summary>
public sealed class BaoStockServerException(string code, string message)
    : SourceProtocolException(KindOf(code), Describe(code, message), IsTransientCode(code))
{
    public string Code { get; } = code;

    private static SourceFailureKind KindOf(string code) => code switch
    {
        "10001001" or "10001002" or "10001003" or "10001004" or "10001007" or "10001011" => SourceFailureKind.Unauthorized,
        "10001005" or "10001006" => SourceFailureKind.RateLimited,
        _ when IsTransientCode(code) => SourceFailureKind.Unreachable,
        _ => SourceFailureKind.BadResponse,
    };

    /// <summary>10002xxx are the server's network errors, 10005001 its system error.</summary>
    private static bool IsTransientCode(string code) => code.StartsWith("10002", StringComparison.Ordinal) || code == "10005001";

    private static string Describe(string code, string message) => code switch
    {
        "10001002" => $"login refused ({code}: {message}); check Sources:baostock:User and Password",
        "10001004" => $"client version refused ({code}: {message}); set Sources:baostock:ClientVersion to the current client's",
        _ => $"server error {code}: {message}",
    };
}
