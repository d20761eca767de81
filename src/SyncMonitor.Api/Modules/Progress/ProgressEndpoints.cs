using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Tasks;

namespace SyncMonitor.Api.Modules.Progress;

internal static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgressEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ProgressApiPaths.TaskProgress, GetProgressAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetTaskProgress")
            .WithTags("Progress")
            .WithSummary("Progress of a sync task: weighted steps, percent, current step, elapsed and estimated remaining time.")
            .Produces<TaskProgressSnapshot>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<TaskProgressSnapshot>, ValidationProblem, ProblemHttpResult>> GetProgressAsync(
        [FromRoute(Name = "task_id")] string taskId,
        IProgressTracker tracker,
        CancellationToken cancellationToken)
    {
        // Checked here, before the id can reach a Redis key or a file path.
        if (!TaskIdFormat.IsValid(taskId))
        {
            return Problems.BadRequest("task_id", TaskIdFormat.Description);
        }

        var snapshot = await tracker.GetAsync(taskId, cancellationToken);
        return snapshot is null
            ? Problems.NotFound(Texts.Get("Problem.NotFound.Progress", taskId))
            : TypedResults.Ok(ProgressMessages.In(snapshot, System.Globalization.CultureInfo.CurrentUICulture));
    }
}
