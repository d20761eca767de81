using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>The performance summary over the window, busiest (or slowest) operation first.</summary>
public sealed record PerformanceReport(
    DateTimeOffset GeneratedAt,
    int WindowMinutes,
    int BucketSeconds,
    int SlowWarningMs,
    int SlowCriticalMs,
    string Sort,
    IReadOnlyList<OperationSummary> Operations);

internal static class PerformanceEndpoints
{
    public const string SortByCount = "count";
    public const string SortByP95 = "p95";

    public static IEndpointRouteBuilder MapPerformance(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MetricsApiPaths.Performance, GetPerformance)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetPerformance")
            .WithTags("Monitoring")
            .WithSummary("Per-operation count, errors, avg/p50/p95/p99/max (ms) and slow counts over the sliding window.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Results<Ok<PerformanceReport>, ValidationProblem> GetPerformance(
        PerformanceMonitor monitor,
        IOptions<PerformanceOptions> options,
        TimeProvider time,
        string? sort = null,
        string? operation = null)
    {
        sort = (sort ?? SortByCount).ToLowerInvariant();
        if (sort is not (SortByCount or SortByP95))
        {
            return Problems.BadRequest("sort", $"sort must be '{SortByCount}' or '{SortByP95}'.");
        }

        Func<OperationSummary, double> key = sort == SortByP95 ? s => s.P95Ms : s => s.Count;
        var summaries = monitor.Summarize(string.IsNullOrEmpty(operation) ? null : operation)
            .OrderByDescending(key)
            .ThenBy(s => s.Operation, StringComparer.Ordinal)
            .ToList();
        var settings = options.Value;
        return TypedResults.Ok(new PerformanceReport(
            time.GetUtcNow(), settings.WindowMinutes, settings.BucketSeconds, settings.SlowWarningMs, settings.SlowCriticalMs, sort, summaries));
    }
}
