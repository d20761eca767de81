using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Tasks;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Sync.Endpoints;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

internal static class CompensationEndpoints
{
    public static IEndpointRouteBuilder MapCompensationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var compensation = endpoints.MapGroup(CompensationApiPaths.Root).WithTags("Compensation");
        compensation.MapPost(string.Empty, StartAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Compensation, "Run compensation")
            .WithName("RunCompensation")
            .WithSummary("Re-syncs trade dates whose successful runs' output is missing or short (dry_run lists them only).")
            .ProducesValidationProblem()
            .ProducesSyncBusy();
        compensation.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetCompensation")
            .ProducesProblem(StatusCodes.Status404NotFound);
        compensation.MapPost("/{id}/rollback", RollbackAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Compensation, "Roll back compensation")
            .WithName("RollbackCompensation")
            .WithSummary("Removes exactly the rows the compensation wrote, under the global sync lock.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesSyncBusy();
        return endpoints;
    }

    private static async Task<Results<Ok<CompensationPreview>, Accepted<CompensationStarted>, ProblemHttpResult>> StartAsync(
        HttpContext http, CompensationRequest request, CompensationService service, TimeProvider time, CancellationToken cancellationToken)
    {
        var scope = request.Validate(Common.MarketData.TradeDates.Today(time));
        var dryRun = request.DryRun ?? false;
        var (plan, start, record) = await service.StartAsync(scope, dryRun, UserOf(http), cancellationToken);
        if (start is null)
        {
            return TypedResults.Ok(new CompensationPreview(dryRun, plan.Dates, plan.DatesNotIncluded, plan.MissingRows, scope.BatchSize, scope.MaxTasks,
                dryRun ? $"dry run: {plan.Dates.Count} trade dates would be re-synced" : "nothing to compensate"));
        }

        return start.Run is { } run && record is not null
            ? TypedResults.Accepted(CompensationApiPaths.ItemFor(run.TaskId),
                new CompensationStarted(CompensationView.From(record, runEnded: false, includeKeys: false), run))
            : SyncResponses.Busy(start.Holder);
    }

    private static async Task<Results<Ok<CompensationView>, ProblemHttpResult>> GetAsync(
        string id, bool? include_keys, CompensationService service, CancellationToken cancellationToken)
        => await service.GetAsync(TaskIdFormat.EnsureValid(id), include_keys ?? false, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound(Texts.Get("Problem.NotFound.Compensation", id));

    private static async Task<Results<Accepted<CompensationStarted>, ProblemHttpResult>> RollbackAsync(
        HttpContext http, string id, CompensationService service, CancellationToken cancellationToken)
    {
        var rollback = await service.RollbackAsync(TaskIdFormat.EnsureValid(id), UserOf(http), cancellationToken);
        return rollback switch
        {
            { Outcome: RollbackOutcome.Started, Record: { } record, Start.Run: { } run } => TypedResults.Accepted(CompensationApiPaths.ItemFor(id),
                new CompensationStarted(CompensationView.From(record, runEnded: false, includeKeys: false), run)),
            { Outcome: RollbackOutcome.AlreadyRolledBack, Record: { } done } => Problems.Conflict(
                Texts.Get("Problem.Conflict.CompensationRolledBack", id, done.RolledBackBy ?? "?", done.RollbackTaskId ?? "?")),
            { Outcome: RollbackOutcome.Busy } => SyncResponses.Busy(rollback.Start?.Holder),
            _ => Problems.NotFound(Texts.Get("Problem.NotFound.Compensation", id)),
        };
    }

    private static string UserOf(HttpContext http) => ApiUser.From(http.User)?.Id ?? ApiUser.Anonymous.Id;
}
