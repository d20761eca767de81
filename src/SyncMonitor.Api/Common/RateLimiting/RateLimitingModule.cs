using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Http;

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

    /// <summary>Expensive reads (op-log search, stats and export, sync history, stock lists) one caller may have
    /// running at once; <see cref="ExpensiveReadQueue"/> more wait, the rest get 429.</summary>
    [Range(1, 1000)]
    public int ExpensiveReadsPerCaller { get; set; } = 2;

    [Range(0, 1000)]
    public int ExpensiveReadQueue { get; set; } = 4;

    /// <summary>Expensive reads running at once over all callers (0: one per processor core, at least 2), so blocking
    /// store calls never take every thread-pool thread from the status, current and health endpoints.</summary>
    [Range(0, 1000)]
    public int ExpensiveReadsOverall { get; set; }
}

/// <summary>Marks an endpoint whose reads can be slow (a scan, a search, an export) for the concurrency limits.</summary>
public sealed class ExpensiveReadMetadata
{
    public static readonly ExpensiveReadMetadata Instance = new();
}

/// <summary>Marks an endpoint that is not mutating but expensive (exports) for the export budget.</summary>
public sealed class ExportRateLimitMetadata
{
    public static readonly ExportRateLimitMetadata Instance = new();
}

public static class RateLimitingModule
{
    /// <summary>One global limiter, chained: mutating /api calls and export endpoints get a fixed window per caller
    /// (user, else client IP); expensive reads (and exports) get a concurrency limit per caller and overall; other
    /// reads — status, current, health — are not limited. Rejections are 429 problems with Retry-After.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(Partition),
                PartitionedRateLimiter.Create<HttpContext, string>(ExpensiveReadPerCaller),
                PartitionedRateLimiter.Create<HttpContext, string>(ExpensiveReadOverall));
            options.OnRejected = WriteRejectionAsync;
        });
        services.AddSingleton<RefusalLimiter>();
        services.TryAddSingleton<IClientAddress, ConnectionClientAddress>();
        return services;
    }

    /// <summary>Before authentication: an IP that was refused too often this minute gets 429 at once.</summary>
    public static IApplicationBuilder UseRefusalLimit(this IApplicationBuilder app) => app.UseMiddleware<RefusalLimitMiddleware>();

    public static TBuilder RateLimitedAsExport<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(ExportRateLimitMetadata.Instance, ExpensiveReadMetadata.Instance);

    /// <summary>Puts the endpoint under the expensive-read concurrency limits (per caller and overall).</summary>
    public static TBuilder LimitedAsExpensiveRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(ExpensiveReadMetadata.Instance);

    private static int OverallLimit(RateLimitingOptions options)
        => options.ExpensiveReadsOverall > 0 ? options.ExpensiveReadsOverall : Math.Max(2, Environment.ProcessorCount);

    /// <summary>Expensive reads block thread-pool threads in the store (SQLite calls are synchronous underneath). With
    /// the pool's minimum above what they can hold, a cheap request never waits for the pool to inject a thread (about
    /// one per second once the minimum is used up) — the status stays fast while every slow-read slot is taken.</summary>
    public static IApplicationBuilder UseExpensiveReadThreadReserve(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, OverallLimit(options) + (2 * Environment.ProcessorCount)), completionPorts);
        return app;
    }

    private static bool IsExpensiveRead(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ExpensiveReadMetadata>() is not null;

    private static string CallerOf(HttpContext http)
        => http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "ip:" + http.Connection.RemoteIpAddress;

    private static RateLimitPartition<string> ExpensiveReadPerCaller(HttpContext http)
    {
        if (!IsExpensiveRead(http))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        return RateLimitPartition.GetConcurrencyLimiter("expensive|" + CallerOf(http), _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.ExpensiveReadsPerCaller,
            QueueLimit = options.ExpensiveReadQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    private static RateLimitPartition<string> ExpensiveReadOverall(HttpContext http)
    {
        if (!IsExpensiveRead(http))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        return RateLimitPartition.GetConcurrencyLimiter("expensive|all", _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = OverallLimit(options),
            // Every caller has at most PerCaller + Queue here, so waiting is fair and bounded.
            QueueLimit = 64,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

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
        var caller = CallerOf(http);
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
        // Budgets per minute say when a permit comes back; a busy expensive read frees one within about a second.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
            : IsExpensiveRead(context.HttpContext) ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
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
                Detail = $"Rate limit reached (too many calls, or too many slow reads at once); retry after {http.Response.Headers.RetryAfter} s.",
            },
        });
    }
}
