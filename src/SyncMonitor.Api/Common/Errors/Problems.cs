using Microsoft.AspNetCore.Http.HttpResults;

namespace SyncMonitor.Api.Common.Errors;

/// <summary>Typed problem results for the cases endpoints answer themselves.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail)
        => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null)
        => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: extensions);

    public static ValidationProblem BadRequest(string field, string message)
        => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);
}
