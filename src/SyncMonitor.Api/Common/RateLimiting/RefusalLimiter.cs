using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Logging;

namespace SyncMonitor.Api.Common.RateLimiting;

/// <summary>Counts refused requests (401/403) per client IP (behind a trusted proxy: the forwarded client, see
/// <see cref="IClientAddress"/>) in a fixed one-minute window. An IP over its budget gets
/// 429 with <c>Retry-After</c> for the rest of the window, before authentication, auditing or anything else runs —
/// so a flood of bad keys or forbidden calls costs a counter, not a stored row or a log line.</summary>
internal sealed class RefusalLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public RefusalLimiter(IOptions<RateLimitingOptions> options)
    {
        var permits = options.Value.RefusedPermitsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Null while <paramref name="client"/> may still be refused; else how long until it may again.</summary>
    public TimeSpan? Blocked(string client)
    {
        using var probe = _limiter.AttemptAcquire(client, 0);
        return probe.IsAcquired ? null
            : probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>Counts one refusal; true when it used the last permit of the window (the moment to say so once).</summary>
    public bool CountRefusal(string client)
    {
        using var lease = _limiter.AttemptAcquire(client, 1);
        return lease.IsAcquired && _limiter.GetStatistics(client)?.CurrentAvailablePermits == 0;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Runs <see cref="RefusalLimiter"/> in front of authentication.</summary>
internal sealed partial class RefusalLimitMiddleware(
    RequestDelegate next, RefusalLimiter limiter, IClientAddress clientAddress, ILogger<RefusalLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var address = clientAddress.Resolve(context) ?? "unknown";
        var client = "ip:" + address;
        if (limiter.Blocked(client) is { } wait)
        {
            await RejectAsync(context, wait);
            return;
        }

        await next(context);
        if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            && limiter.CountRefusal(client))
        {
            LogBlocked(logger, address);
        }
    }

    private static async Task RejectAsync(HttpContext http, TimeSpan wait)
    {
        http.SuppressRequestLogLine();
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = $"Too many refused requests (401/403) from this address; retry after {seconds} s.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientIp} used its budget of refused requests (401/403) for this minute; its requests get 429 until the window ends")]
    private static partial void LogBlocked(ILogger logger, string clientIp);
}
