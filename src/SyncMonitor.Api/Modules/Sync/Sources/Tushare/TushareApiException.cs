using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary>A response whose <c>code</c> is not 0.</summary>
public sealed class TushareApiException(int code, string message)
    : SourceProtocolException(KindOf(code), Describe(code, message), isTransient: false)
{
    public const int InvalidToken = 40101;
    public const int RateLimitedOrNoPermission = 40203;

    public int Code { get; } = code;

    private static SourceFailureKind KindOf(int code) => code switch
    {
        InvalidToken => SourceFailureKind.Unauthorized,
        RateLimitedOrNoPermission => SourceFailureKind.RateLimited,
        _ => SourceFailureKind.BadResponse,
    };

    private static string Describe(int code, string message) => code switch
    {
        InvalidToken => $"token rejected ({code}: {message}); check Sources:tushare:Token",
        RateLimitedOrNoPermission => $"rate limit or missing permission ({code}: {message})",
        _ => $"api error {code}: {message}",
    };
}
