using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary>A response whose <c>code</c> is not 0, classified by what the code and its <c>msg</c> mean:
/// <list type="bullet">
/// <item>40101 <c>您的token不对，请确认。</c> — the token is wrong: never retried.</item>
/// <item>40203 <c>抱歉，您每分钟最多访问该接口N次，…</c> — the per-minute limit: worth one more try after a back-off.</item>
/// <item>40203 <c>抱歉，您每小时/每天最多访问该接口N次…</c> — an hourly or daily quota: nothing to gain by retrying now.</item>
/// <item>40203 <c>抱歉，您没有接口访问权限，…</c> (and the 2002 the HTTP API page documents for permission problems) —
/// the account lacks the points for this endpoint: never retried.</item>
/// </list></summary>
public sealed class TushareApiException : SourceProtocolException
{
    public const int InvalidToken = 40101;
    public const int RateLimitedOrNoPermission = 40203;

    /// <summary>"2002表示权限问题" (tushare.pro/document/1?doc_id=130); -2002 was seen in 2019 answers.</summary>
    public const int NoPermission = 2002;

    public TushareApiException(int code, string message)
        : base(KindOf(code, message), Describe(code, message), isTransient: false)
    {
        Code = code;
        IsPerMinuteLimit = code == RateLimitedOrNoPermission && message.Contains("每分钟", StringComparison.Ordinal);
    }

    public int Code { get; }

    /// <summary>The one answer a short back-off can cure.</summary>
    public bool IsPerMinuteLimit { get; }

    private static bool IsQuota(int code, string message) => code == RateLimitedOrNoPermission && message.Contains("最多访问", StringComparison.Ordinal);

    private static bool IsPermission(int code, string message)
        => Math.Abs(code) == NoPermission || (code == RateLimitedOrNoPermission && !IsQuota(code, message));

    private static SourceFailureKind KindOf(int code, string message) => code switch
    {
        InvalidToken => SourceFailureKind.Unauthorized,
        _ when IsQuota(code, message) => SourceFailureKind.RateLimited,
        _ when IsPermission(code, message) => SourceFailureKind.Unauthorized,
        _ => SourceFailureKind.BadResponse,
    };

    private static string Describe(int code, string message) => code switch
    {
        InvalidToken => $"token rejected ({code}: {message}); check Sources:tushare:Token",
        _ when IsQuota(code, message) => $"rate limit ({code}: {message})",
        _ when IsPermission(code, message) => $"no permission for this endpoint ({code}: {message}); the token's points do not cover it",
        _ => $"api error {code}: {message}",
    };
}
