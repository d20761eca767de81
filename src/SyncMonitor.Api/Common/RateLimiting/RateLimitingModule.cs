using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.RateLimiting;

public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    [Range(1, 1_000_000)]
    public int MutatingPermitsPerMinute { get; set; } = 120;

    [Range(1, 1_000_000)]
    public int ExportPermitsPerMinute { get; set; } = 10;

    /// <summary>Refused requests (401/403) per client IP and minute before that IP gets 429 for the rest of the minute.</summary>
    [Range(1, 1_000_000)]
    public int RefusedPermitsPerMinute { get; set; } = 30;
}

/// <summary>Marks an endpoint that is not mutating but expensive (exports) for the export budget.</summary>
public sealed class ExportRateLimitMetadata
{
    public static readonly ExportRateLimitMetadata Instance = new();
}

public static class RateLimitingModule
{
    /// <summary>One global limiter: mutating /api calls and export endpoints get a fixed window per caller
    /// (user, else client IP); reads are not limited. Rejections are 429 problems with Retry-After.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            options.OnRejected = WriteRejectionAsync;
        });
        services.AddSingleton<RefusalLimiter>();
        return services;
    }

    /// <summary>Before authentication: an IP that was refused too often this minute gets 429 at once.</summary>
    public static IApplicationBuilder UseRefusalLimit(this IApplicationBuilder app) => app.UseMiddleware<RefusalLimitMiddleware>();

    public static TBuilder RateLimitedAsExport<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(ExportRateLimitMetadata.Instance);

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var isExport = http.GetEndpoint()?.Metadata.GetMetadata<ExportRateLimitMetadata>() is not null;
        var isMutating = http.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(http.Request.Method)
            && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method);
        if (!isExport && !isMutating)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var caller = http.User.Identity?.IsAuthenticated == true
            ? "user:" + http.User.Identity.Name
            : "ip:" + http.Connection.RemoteIpAddress;
        var (bucket, permits) = isExport ? ("export", options.ExportPermitsPerMinute) : ("mutating", options.MutatingPermitsPerMinute);
        return RateLimitPartition.GetFixedWindowLimiter($"{bucket}|{caller}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = $"Rate limit reached; retry after {http.Response.Headers.RetryAfter} s.",
            },
        });
    }
}
