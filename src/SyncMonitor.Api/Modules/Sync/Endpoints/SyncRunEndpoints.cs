using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Tasks;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Endpoints;

/// <summary>Starting, cancelling and watching runs.</summary>
internal static class SyncRunEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sync = endpoints.MapGroup(string.Empty).WithTags("Sync");
        sync.MapPost(SyncApiPaths.StockBasicsRun, RunStockBasicsAsync)
            .RequireAuthorization(Policies.Operator).Audited(AuditActionTypes.Sync, "Run stock-basics sync")
            .WithName("RunStockBasicsSync").ProducesSyncBusy().ProducesValidationProblem();
        sync.MapPost(SyncApiPaths.Batch, RunBatchAsync)
            .RequireAuthorization(Policies.Operator).Audited(AuditActionTypes.Sync, "Run daily-basic batch sync")
            .WithName("RunDailyBasicBatch").ProducesSyncBusy().ProducesValidationProblem();
        sync.MapPost(SyncApiPaths.Cancel, CancelAsync)
            .RequireAuthorization(Policies.Operator).Audited(AuditActionTypes.Sync, "Cancel sync task")
            .WithName("CancelSyncTask").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sync.MapGet(SyncApiPaths.Current, GetCurrentAsync)
            .RequireAuthorization(Policies.Viewer).WithName("GetCurrentSyncTask");
    }

    /// <summary><c>force</c> is accepted for the SPA's sake but never bypasses the lock (SPEC §3.1).</summary>
    private static async Task<Results<Accepted<ApiEnvelope<SyncStats>>, ProblemHttpResult>> RunStockBasicsAsync(
        HttpContext http, SyncManager manager, SyncWorkFactory works, SourceSelector selector,
        bool? force, string? preferred_sources, CancellationToken cancellationToken)
    {
        var preferred = selector.ValidatePreferred(SyncResponses.SplitList(preferred_sources));
        var start = await manager.StartAsync(SyncTaskType.StockBasics, UserOf(http), works.StockBasics(preferred), cancellationToken);
        return start.Run is { } run ? SyncResponses.Accepted(run) : SyncResponses.Busy(start.Holder);
    }

    private static async Task<Results<Accepted<ApiEnvelope<SyncStats>>, ProblemHttpResult>> RunBatchAsync(
        HttpContext http, BatchSyncRequest request, SyncManager manager, SyncWorkFactory works, SourceSelector selector,
        Microsoft.Extensions.Options.IOptionsMonitor<SyncOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (start, end) = request.Validate(options.CurrentValue.MaxBatchDays, TradeDates.Today(time));
        var preferred = selector.ValidatePreferred(request.PreferredSources);
        var result = await manager.StartAsync(SyncTaskType.WebBatch, UserOf(http), works.DailyBasic(new DailyBasicPlan(start, end, preferred)), cancellationToken);
        return result.Run is { } run ? SyncResponses.Accepted(run) : SyncResponses.Busy(result.Holder);
    }

    private static async Task<Results<Accepted<ApiEnvelope<CancelAnswer>>, ProblemHttpResult>> CancelAsync(
        HttpContext http, string task_id, SyncManager manager, CancellationToken cancellationToken)
        => await manager.CancelAsync(TaskIdFormat.EnsureValid(task_id), UserOf(http), cancellationToken) switch
        {
            CancelOutcome.Requested => TypedResults.Accepted(SyncApiPaths.ProgressFor(task_id),
                ApiEnvelope<CancelAnswer>.Ok(new CancelAnswer(task_id, "cancelling"), Texts.Get("Api.CancelRequested"))),
            CancelOutcome.NotRunning => Problems.Conflict(Texts.Get("Problem.Conflict.NotRunning", task_id)),
            _ => Problems.NotFound(Texts.Get("Problem.NotFound.SyncTask", task_id)),
        };

    private static async Task<Ok<ApiEnvelope<CurrentTask?>>> GetCurrentAsync(SyncManager manager, CancellationToken cancellationToken)
    {
        var current = await manager.GetCurrentAsync(cancellationToken);
        return TypedResults.Ok(ApiEnvelope<CurrentTask?>.Ok(current, current is null ? Texts.Get("Api.NoRunningTask") : null));
    }

    private static string UserOf(HttpContext http) => ApiUser.From(http.User)?.Id ?? ApiUser.Anonymous.Id;
}

internal sealed record CancelAnswer(string TaskId, string Status);

/// <summary><c>{start_date, end_date}</c> as YYYY-MM-DD, optionally with preferred sources.</summary>
internal sealed record BatchSyncRequest(string? StartDate, string? EndDate, IReadOnlyList<string>? PreferredSources)
{
    public (DateOnly Start, DateOnly End) Validate(int maxDays, DateOnly? today = null)
    {
        var errors = new Dictionary<string, string[]>();
        var lastDay = today ?? TradeDates.Today(TimeProvider.System);
        if (!TradeDates.TryParseApiDate(StartDate, out var start))
        {
            errors["start_date"] = ["start_date is required as YYYY-MM-DD."];
        }
        else if (TradeDates.OutOfRange(start, lastDay, "start_date") is { } startProblem)
        {
            errors["start_date"] = [startProblem];
        }

        if (!TradeDates.TryParseApiDate(EndDate, out var end))
        {
            errors["end_date"] = ["end_date is required as YYYY-MM-DD."];
        }
        else if (TradeDates.OutOfRange(end, lastDay, "end_date") is { } endProblem)
        {
            errors["end_date"] = [endProblem];
        }

        if (errors.Count == 0 && start > end)
        {
            errors["start_date"] = ["start_date must not be after end_date."];
        }

        if (errors.Count == 0 && end.DayNumber - start.DayNumber + 1 > maxDays)
        {
            errors["end_date"] = [$"The range may cover at most {maxDays} days."];
        }

        return errors.Count == 0 ? (start, end) : throw new ValidationException(errors);
    }
}
