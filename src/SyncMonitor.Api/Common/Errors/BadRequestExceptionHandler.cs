using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SyncMonitor.Api.Common.Errors;

/// <summary>Turns binding failures (malformed JSON, a query value of the wrong type) and
/// <see cref="ValidationException"/> into 400 problems with per-field errors.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (errors, message) = exception switch
        {
            ValidationException v => (v.Errors, v.Message),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status400BadRequest
                => (new Dictionary<string, string[]> { ["request"] = [Describe(b)] }, Describe(b)),
            _ => (null, null),
        };
        if (errors is null || message is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // The framework's messages name the parameter and the problem without echoing the body.
    private static string Describe(BadHttpRequestException exception)
        => exception.InnerException is System.Text.Json.JsonException
            ? "The request body is not valid JSON for this endpoint."
            : exception.Message;
}
