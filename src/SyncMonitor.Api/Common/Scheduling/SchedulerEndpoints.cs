using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.Api.Common.Scheduling;

public static class SchedulerApiPaths
{
    public const string Jobs = "/api/scheduler/jobs";
    public const string TriggerTemplate = Jobs + "/{name}/trigger";
    public const string PauseTemplate = Jobs + "/{name}/pause";
    public const string ResumeTemplate = Jobs + "/{name}/resume";

    public static string Trigger(string name) => $"{Jobs}/{Uri.EscapeDataString(name)}/trigger";

    public static string Pause(string name) => $"{Jobs}/{Uri.EscapeDataString(name)}/pause";

    public static string Resume(string name) => $"{Jobs}/{Uri.EscapeDataString(name)}/resume";
}

/// <summary>Viewers list the jobs; admins trigger, pause and resume them (SPEC §9: scheduler control is admin).</summary>
internal static class SchedulerEndpoints
{
    public static IEndpointRouteBuilder MapSchedulerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup(SchedulerApiPaths.Jobs).WithTags("Scheduler");

        jobs.MapGet(string.Empty, ListAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("ListScheduledJobs")
            .WithSummary("Scheduled jobs with cron, time zone, next/previous fire time, state and last result, by name.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        jobs.MapPost("/{name}/trigger", TriggerAsync)
            .RequireAuthorization(Policies.Admin)
            .Audited(AuditActionTypes.Scheduler, "Trigger job")
            .WithName("TriggerScheduledJob")
            .WithSummary("Runs the job now (also while it is paused); waits for a run of the same job still going.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        jobs.MapPost("/{name}/pause", PauseAsync)
            .RequireAuthorization(Policies.Admin)
            .Audited(AuditActionTypes.Scheduler, "Pause job")
            .WithName("PauseScheduledJob")
            .WithSummary("Stops the job's schedule until it is resumed or the service restarts.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        jobs.MapPost("/{name}/resume", ResumeAsync)
            .RequireAuthorization(Policies.Admin)
            .Audited(AuditActionTypes.Scheduler, "Resume job")
            .WithName("ResumeScheduledJob")
            .WithSummary("Puts the job back on its schedule; firings missed while paused are skipped.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<ScheduledJobView>>> ListAsync(ScheduledJobCatalog catalog, CancellationToken cancellationToken)
        => TypedResults.Ok(await catalog.ListAsync(cancellationToken));

    private static async Task<Results<Accepted<ScheduledJobView>, ProblemHttpResult>> TriggerAsync(
        string name, HttpContext http, ScheduledJobCatalog catalog, CancellationToken cancellationToken)
        => await catalog.TriggerAsync(name, CallerId(http), cancellationToken) is { } job
            ? TypedResults.Accepted(SchedulerApiPaths.Jobs, job)
            : UnknownJob(name);

    private static async Task<Results<Ok<ScheduledJobView>, ProblemHttpResult>> PauseAsync(
        string name, HttpContext http, ScheduledJobCatalog catalog, CancellationToken cancellationToken)
        => await catalog.PauseAsync(name, CallerId(http), cancellationToken) is { } job ? TypedResults.Ok(job) : UnknownJob(name);

    private static async Task<Results<Ok<ScheduledJobView>, ProblemHttpResult>> ResumeAsync(
        string name, ScheduledJobCatalog catalog, CancellationToken cancellationToken)
        => await catalog.ResumeAsync(name, cancellationToken) is { } job ? TypedResults.Ok(job) : UnknownJob(name);

    private static string CallerId(HttpContext http) => ApiUser.From(http.User)?.Id ?? ApiUser.Anonymous.Id;

    private static ProblemHttpResult UnknownJob(string name) => Problems.NotFound(Texts.Get("Problem.NotFound.Job", name));
}
