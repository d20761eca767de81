using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Common.RateLimiting;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Endpoints;

/// <summary>Status, history and sources.</summary>
internal static class SyncStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var status = endpoints.MapGroup(string.Empty).WithTags("Sync status").RequireAuthorization(Policies.Viewer);
        status.MapGet(SyncApiPaths.StockBasicsStatus, GetStockBasicsStatusAsync).WithName("GetStockBasicsStatus")
            .Produces<ApiEnvelope<SyncStats>>(StatusCodes.Status200OK, "application/json");
        status.MapGet(SyncApiPaths.MultiSourceStatus, GetMultiSourceStatusAsync).WithName("GetMultiSourceStatus");
        status.MapGet(SyncApiPaths.SourcesStatus, GetSourcesStatusAsync).WithName("GetSourcesStatus");
        status.MapGet(SyncApiPaths.History, GetHistoryAsync).WithName("GetSyncHistory").ProducesValidationProblem()
            .LimitedAsExpensiveRead();
        endpoints.MapPost(SyncApiPaths.TestSources, TestSourcesAsync).WithTags("Sync status")
            .RequireAuthorization(Policies.Operator).Audited(AuditActionTypes.Sync, "Test data sources").WithName("TestSources");
    }

    /// <summary>The newest run that syncs stock basics, whatever started it (REST, the nightly job): live while it runs
    /// here, else from the store; <c>never_run</c> when none. <c>job</c>/<c>triggered_by</c> say which.</summary>
    private static async Task<IResult> GetStockBasicsStatusAsync(
        SyncManager manager, StatusResponses responses, CancellationToken cancellationToken)
    {
        var latest = await manager.GetLatestAsync(SyncMetrics.StockBasicsJobs, cancellationToken);
        return TypedResults.Bytes(responses.Body(latest, StockBasicsEnvelope), JsonContentType);
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>In the request's language: <see cref="StatusResponses"/> keeps a body per language.</summary>
    private static ApiEnvelope<SyncStats> StockBasicsEnvelope(SyncStats? latest) => latest?.ForReader() is { } run
        ? ApiEnvelope<SyncStats>.Ok(run, run.Message ?? Texts.Get("Api.Ok"))
        : ApiEnvelope<SyncStats>.Ok(NeverRun(), Texts.Get("Api.NeverRun"));

    private static async Task<Ok<ApiEnvelope<MultiSourceStatus>>> GetMultiSourceStatusAsync(
        SyncManager manager, SourceHealthMonitor health, CancellationToken cancellationToken)
    {
        var latest = (await manager.GetLatestAsync(null, cancellationToken))?.ForReader();
        var status = new MultiSourceStatus(latest ?? NeverRun(), await manager.GetCurrentAsync(cancellationToken), await health.GetStatusAsync(cancellationToken));
        return TypedResults.Ok(ApiEnvelope<MultiSourceStatus>.Ok(status));
    }

    private static async Task<Ok<ApiEnvelope<IReadOnlyList<SourceStatus>>>> GetSourcesStatusAsync(SourceHealthMonitor health, CancellationToken cancellationToken)
        => TypedResults.Ok(ApiEnvelope<IReadOnlyList<SourceStatus>>.Ok(await health.GetStatusAsync(cancellationToken)));

    private static async Task<Ok<ApiEnvelope<IReadOnlyList<SourceStatus>>>> TestSourcesAsync(SourceHealthMonitor health, CancellationToken cancellationToken)
    {
        // Only configured (enabled) sources count: an unconfigured one is not an outage.
        var statuses = await health.TestAllAsync(cancellationToken);
        var configured = statuses.Where(s => s.Enabled).ToList();
        return TypedResults.Ok(ApiEnvelope<IReadOnlyList<SourceStatus>>.Ok(statuses,
            Texts.Get("Api.SourcesAvailable", configured.Count(s => s.Available), configured.Count)));
    }

    private static async Task<Ok<ApiEnvelope<PagedResult<SyncStats>>>> GetHistoryAsync(
        ISyncRunStore runs, int? page, int? page_size, string? status, string? task_type, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Validate(page, page_size);
        var query = new SyncRunQuery(p, size,
            SyncResponses.ParseEnum<SyncRunStatus>(status, "status"),
            SyncResponses.ParseEnum<SyncTaskType>(task_type, "task_type"));
        var (items, total) = await runs.ListAsync(query, cancellationToken);
        return TypedResults.Ok(ApiEnvelope<PagedResult<SyncStats>>.Ok(new PagedResult<SyncStats>(items.Select(RunMessages.ForReader).ToList(), total, p, size)));
    }

    private static SyncStats NeverRun() => new()
    {
        Job = StockBasicsWork.JobName,
        TaskId = string.Empty,
        TaskType = SyncTaskType.StockBasics,
        DataType = StockBasicsWork.Table,
        Status = SyncRunStatus.NeverRun,
        Message = Texts.Get("Api.NeverRun"),
    };
}

/// <summary><c>multi-source/status</c>: the latest run, the task holding the lock, and every source.</summary>
internal sealed record MultiSourceStatus(SyncStats LatestRun, CurrentTask? CurrentTask, IReadOnlyList<SourceStatus> Sources);
