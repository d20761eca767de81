using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>Check two sources, read reports, resolve a report (SPEC §6.1).</summary>
internal static class CrossSourceEndpoints
{
    /// <summary>Keeps (page - 1) × page_size within a 32-bit skip.</summary>

    public static IEndpointRouteBuilder MapCrossSourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty).WithTags("Consistency");
        group.MapPost(CrossSourceApiPaths.Check, CheckAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Consistency, "Check stock-basics consistency")
            .WithName("CheckStockBasicsConsistency")
            .WithSummary("Compares two sources' stored stock basics per stock; 201 with the report (first page of inconsistent stocks).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet(CrossSourceApiPaths.Reports, ListAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("ListConsistencyReports")
            .ProducesValidationProblem();
        group.MapGet(CrossSourceApiPaths.Report, GetAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetConsistencyReport")
            .WithSummary("A report with one page of its per-stock entries (?only_inconsistent=&page=&page_size=).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost(CrossSourceApiPaths.Resolve, ResolveAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Consistency, "Resolve consistency report")
            .WithName("ResolveConsistencyReport")
            .WithSummary("Chooses values per stock (strategy primary|secondary|average|investigate, default: the recommendation).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Created<ConsistencyReportView>, ProblemHttpResult>> CheckAsync(
        [FromBody] CheckRequest? request,
        HttpContext http,
        CheckRequestValidator validator,
        ConsistencyCheckService checks,
        IConsistencyReportStore store,
        CancellationToken cancellationToken)
    {
        var check = await validator.ValidateAsync(request, cancellationToken);
        if (check.SourceWithoutRows is { } empty)
        {
            return Problems.Conflict(Texts.Get("Consistency.SourceWithoutRows", empty));
        }

        var report = await checks.RunAsync(check, ApiUser.From(http.User)!.Id, cancellationToken);
        var page = await store.ListStocksAsync(report.Id, new StockPageQuery(true, 1, CrossSourceApiPaths.DefaultStockPageSize), cancellationToken);
        return TypedResults.Created(CrossSourceApiPaths.ReportFor(report.Id), ConsistencyReportView.Of(report, true, page));
    }

    private static async Task<Ok<PagedResult<ConsistencyReportListItem>>> ListAsync(
        int? page, int? page_size, IConsistencyReportStore store, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Validate(page, page_size, 20, CrossSourceApiPaths.MaxReportPageSize);
        var reports = await store.ListAsync(p, size, cancellationToken);
        return TypedResults.Ok(new PagedResult<ConsistencyReportListItem>(
            reports.Items.Select(ConsistencyReportListItem.Of).ToList(), reports.Total, p, size));
    }

    private static async Task<Results<Ok<ConsistencyReportView>, ProblemHttpResult>> GetAsync(
        string id, bool? only_inconsistent, int? page, int? page_size, IConsistencyReportStore store, CancellationToken cancellationToken)
    {
        RequireValidId(id);
        var (p, size) = Paging.Validate(page, page_size, CrossSourceApiPaths.DefaultStockPageSize, CrossSourceApiPaths.MaxStockPageSize);
        var report = await store.GetAsync(id, cancellationToken);
        if (report is null)
        {
            return Problems.NotFound(Texts.Get("Problem.NotFound.ConsistencyReport"));
        }

        var onlyInconsistent = only_inconsistent ?? false;
        var stocks = await store.ListStocksAsync(id, new StockPageQuery(onlyInconsistent, p, size), cancellationToken);
        return TypedResults.Ok(ConsistencyReportView.Of(report, onlyInconsistent, stocks));
    }

    private static async Task<Results<Ok<ResolveResult>, ProblemHttpResult>> ResolveAsync(
        string id,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ResolveRequest? request,
        HttpContext http,
        ConsistencyResolveService resolver,
        CancellationToken cancellationToken)
    {
        RequireValidId(id);
        var result = await resolver.ResolveAsync(id, request, ApiUser.From(http.User)!.Id, cancellationToken);
        return result is null ? Problems.NotFound(Texts.Get("Problem.NotFound.ConsistencyReport")) : TypedResults.Ok(result);
    }

    private static void RequireValidId(string id)
    {
        if (!ConsistencyReportIds.IsValid(id))
        {
            throw new ValidationException("id", "A report id is 24 lowercase hex digits.");
        }
    }
}
