using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Common.Tasks;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Endpoints;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>A run's change list, and approving or discarding a held run.</summary>
internal static class ChangeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var changes = endpoints.MapGroup(string.Empty).WithTags("Sync changes");
        changes.MapGet(ChangeApiPaths.Changes, GetChangesAsync).RequireAuthorization(Policies.Viewer)
            .WithName("GetSyncRunChanges").ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        changes.MapPost(ChangeApiPaths.Approve, ApproveAsync).RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Sync, "Approve held sync run").WithName("ApproveHeldSyncRun")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesSyncBusy();
        changes.MapPost(ChangeApiPaths.Discard, DiscardAsync).RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Sync, "Discard held sync run").WithName("DiscardHeldSyncRun")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<ApiEnvelope<ChangePage>>, ProblemHttpResult>> GetChangesAsync(
        string task_id, string? kind, int? page, int? page_size, ISyncRunStore runs, IChangeSetStore changeSets, CancellationToken cancellationToken)
    {
        TaskIdFormat.EnsureValid(task_id);
        if (kind is not null && !ChangeKinds.All.Contains(kind.Trim()))
        {
            throw new ValidationException("kind", $"kind must be one of: {string.Join(", ", ChangeKinds.All)}.");
        }

        var (p, size) = Paging.Validate(page, page_size, defaultPageSize: 50);
        if (await runs.GetAsync(task_id, cancellationToken) is null)
        {
            return Problems.NotFound(Texts.Get("Problem.NotFound.SyncRun", task_id));
        }

        if (await changeSets.GetAsync(task_id, cancellationToken) is not { } header)
        {
            return Problems.NotFound(Texts.Get("Problem.NotFound.ChangeSet", task_id));
        }

        var (items, total) = await changeSets.PageAsync(task_id, kind?.Trim(), p, size, cancellationToken);
        var answer = new ChangePage(task_id, header.State, ChangeSummaryText.Describe(header.Summary, System.Globalization.CultureInfo.CurrentUICulture), header.Summary,
            header.ResolvedBy, header.ResolvedAt, header.ResolvedByTaskId, items, total, p, size);
        return TypedResults.Ok(ApiEnvelope<ChangePage>.Ok(answer, answer.Text));
    }

    private static async Task<Results<Accepted<ApiEnvelope<SyncStats>>, ProblemHttpResult>> ApproveAsync(
        HttpContext http, string task_id, ISyncRunStore runs, IChangeSetStore changeSets, SyncManager manager, IServiceProvider services,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (run, problem) = await HeldAsync(TaskIdFormat.EnsureValid(task_id), runs, changeSets, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var held = new HeldRun(run!.TaskId, run.Changes?.Source ?? string.Empty, run.Synthetic, UserOf(http));
        var work = ActivatorUtilities.CreateInstance<ApprovalWork>(services, held);
        var start = await manager.StartAsync(SyncTaskType.StockBasics, held.ApprovedBy, work, cancellationToken);
        return start.Run is { } approval ? SyncResponses.Accepted(approval) : SyncResponses.Busy(start.Holder);
    }

    private static async Task<Results<Ok<ApiEnvelope<DiscardAnswer>>, ProblemHttpResult>> DiscardAsync(
        HttpContext http, string task_id, ISyncRunStore runs, IChangeSetStore changeSets, IStagedRowStore staging, TimeProvider time,
        IEnumerable<IHeldRunListener> listeners, CancellationToken cancellationToken)
    {
        var (run, problem) = await HeldAsync(TaskIdFormat.EnsureValid(task_id), runs, changeSets, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!await changeSets.TryMoveAsync(task_id, ChangeSetState.Held, ChangeSetState.Discarded, UserOf(http), time.GetUtcNow(), null, cancellationToken))
        {
            return Problems.Conflict(Texts.Get("Problem.Conflict.NoLongerHeld", task_id));
        }

        var dropped = await staging.DropAsync(task_id, cancellationToken);
        var source = run!.Changes?.Source;
        var othersHeld = source is not null
            && (await changeSets.ListBySourceAsync(source, cancellationToken)).Any(h => h.TaskId != task_id && h.State == ChangeSetState.Held);
        var discarded = new HeldRunDiscarded(task_id, run.Job, UserOf(http), othersHeld);
        foreach (var listener in listeners)
        {
            await listener.OnHeldRunDiscardedAsync(discarded, cancellationToken);
        }

        return TypedResults.Ok(ApiEnvelope<DiscardAnswer>.Ok(new DiscardAnswer(task_id, ChangeSetState.Discarded, dropped), Texts.Get("Api.Discarded")));
    }

    /// <summary>The run, when it exists (else 404) and is held with its change set still held (else 409).</summary>
    private static async Task<(SyncStats? Run, ProblemHttpResult? Problem)> HeldAsync(
        string taskId, ISyncRunStore runs, IChangeSetStore changeSets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(taskId, cancellationToken) is not { } run)
        {
            return (null, Problems.NotFound(Texts.Get("Problem.NotFound.SyncRun", taskId)));
        }

        var header = run.Status == SyncRunStatus.Held ? await changeSets.GetAsync(taskId, cancellationToken) : null;
        if (header is { State: ChangeSetState.Approving } && await ApprovalEndedAsync(header, runs, cancellationToken))
        {
            // The approval's process died mid-run (its run was swept as interrupted): the staged rows are still
            // there, so the run is held again and can be approved or discarded.
            await changeSets.TryMoveAsync(taskId, ChangeSetState.Approving, ChangeSetState.Held, header.ResolvedBy ?? "system",
                time.GetUtcNow(), null, cancellationToken);
            header = await changeSets.GetAsync(taskId, cancellationToken);
        }

        if (header is not { State: ChangeSetState.Held })
        {
            var state = header is null ? Snake(run.Status.ToString()) : "held, " + Snake(header.State.ToString());
            return (run, Problems.Conflict(Texts.Get("Problem.Conflict.NotHeld", taskId, state)));
        }

        return (run, null);
    }

    /// <summary>An approval ends by moving the change set to approved or back to held; one still "approving" whose
    /// run is no longer running was cut off by a crash.</summary>
    private static async Task<bool> ApprovalEndedAsync(ChangeSetRecord header, ISyncRunStore runs, CancellationToken cancellationToken)
        => header.ResolvedByTaskId is { } approval
            && await runs.GetAsync(approval, cancellationToken) is { Status: not SyncRunStatus.Running };

    private static string Snake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static string UserOf(HttpContext http) => ApiUser.From(http.User)?.Id ?? ApiUser.Anonymous.Id;
}

/// <summary>A page of a run's change list with its summary and, for a held run, where it stands.</summary>
internal sealed record ChangePage(
    string TaskId,
    ChangeSetState State,
    string Text,
    ChangeSummary Summary,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedByTaskId,
    IReadOnlyList<StockChange> Items,
    long Total,
    int Page,
    int PageSize);

internal sealed record DiscardAnswer(string TaskId, ChangeSetState State, long Dropped);
