using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

internal static class IntegrityEndpoints
{
    public static IEndpointRouteBuilder MapIntegrityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var monitoring = endpoints.MapGroup(string.Empty).WithTags("Integrity");
        monitoring.MapPost(IntegrityApiPaths.Check, CheckAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Monitoring, "Run integrity check")
            .WithName("RunIntegrityCheck")
            .WithSummary("Runs a quick (1 h), full (24 h) or deep (14 days, with trend) integrity check now and returns it.")
            .ProducesValidationProblem();
        monitoring.MapGet(IntegrityApiPaths.Metrics, GetMetricsAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetIntegrityMetrics")
            .WithSummary("The latest integrity check of each type and a short history.");
        monitoring.MapGet(IntegrityApiPaths.Health, GetHealthAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetIntegrityHealth")
            .WithSummary("Overall data-integrity health from the latest checks.");
        return endpoints;
    }

    private static async Task<Ok<IntegrityCheckResult>> CheckAsync(
        IntegrityCheckRequest? request, IntegrityChecker checker, CancellationToken cancellationToken)
        => TypedResults.Ok(await checker.RunAsync(IntegrityCheckTypes.Parse(request?.Type), cancellationToken));

    private static async Task<Ok<IntegrityMetricsResponse>> GetMetricsAsync(IntegrityChecker checker, CancellationToken cancellationToken)
    {
        var recent = await checker.RecentAsync(limit: null, cancellationToken);
        CheckTypeMetrics Of(IntegrityCheckType type) => new(recent[type].FirstOrDefault(), recent[type].Select(CheckSummary.Of).ToList());
        return TypedResults.Ok(new IntegrityMetricsResponse(Of(IntegrityCheckType.Quick), Of(IntegrityCheckType.Full), Of(IntegrityCheckType.Deep)));
    }

    private static async Task<Ok<IntegrityHealthResponse>> GetHealthAsync(IntegrityChecker checker, CancellationToken cancellationToken)
    {
        var latest = await checker.RecentAsync(limit: 1, cancellationToken);
        return TypedResults.Ok(IntegrityHealthResponse.From(latest.Values.SelectMany(r => r)));
    }
}
