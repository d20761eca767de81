using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>Bytes that are not a BaoStock frame (a bad header, a CRC32 mismatch, a body that does not inflate, a
/// connection closed mid-frame) or an answer that breaks the query's conventions (another page than asked for, a
/// missing field). A garbled frame is transient — the next attempt may get a whole one; a missing field is not.</summary>
public sealed class BaoStockFrameException(string message, Exception? inner = null, bool transient = true)
    : SourceProtocolException(SourceFailureKind.BadResponse, message, transient, inner);

/// <summary>An error the server answered — a type-04 frame (<c>error_code\x01error_msg</c>) or an answer whose body
/// starts with an error code other than 0 — classified by the code families of the client's <c>contants.py</c>:
/// 10001xxx login refused, 10002xxx the server's network errors, 10004xxx bad request, 10005001 system error.</summary>
public sealed class BaoStockServerException(string code, string message)
    : SourceProtocolException(KindOf(code), Describe(code, message), IsTransientCode(code))
{
    public string Code { get; } = code;

    private static SourceFailureKind KindOf(string code) => code switch
    {
        "10001005" => SourceFailureKind.RateLimited, // 账号登陆数达到上限: too many sessions for the account
        _ when code.StartsWith("10001", StringComparison.Ordinal) => SourceFailureKind.Unauthorized,
        _ when IsTransientCode(code) => SourceFailureKind.Unreachable,
        _ => SourceFailureKind.BadResponse,
    };

    /// <summary>10002xxx are the server's network errors, 10005001 its system error: another session may succeed.</summary>
    private static bool IsTransientCode(string code) => code.StartsWith("10002", StringComparison.Ordinal) || code == "10005001";

    private static string Describe(string code, string message) => code switch
    {
        "10001002" => $"login refused ({code}: {message}); check Sources:baostock:User and Password",
        "10001004" => $"client version refused ({code}: {message}); set Sources:baostock:ClientVersion to the current client's",
        "10004020" => $"bad request ({code}: {message}): the server does not offer this message type",
        _ when code.StartsWith("10001", StringComparison.Ordinal) => $"login refused ({code}: {message})",
        _ when code.StartsWith("10004", StringComparison.Ordinal) => $"bad request ({code}: {message})",
        _ => $"server error ({code}: {message})",
    };
}
