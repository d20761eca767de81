using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace SyncMonitor.Api.Common.Errors;

/// <summary>Turns binding failures (malformed JSON, a query value of the wrong type, a body that is not JSON) and
/// <see cref="ValidationException"/> into problems: 400 with per-field errors in plain words, 415 for a body sent
/// without <c>Content-Type: application/json</c>, and the framework's own 4xx (e.g. 413) as they are.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException v => Validation(v.Errors, v.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported Media Type",
                Detail = Localization.Texts.Get("Problem.Detail.JsonContentType"),
            },
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } b => BindingProblem(b),
            BadHttpRequestException { StatusCode: >= 400 and < 500 } b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = ReasonPhrases.GetReasonPhrase(b.StatusCode),
                Detail = Localization.Texts.Get("Problem.Detail.Refused", b.StatusCode, ReasonPhrases.GetReasonPhrase(b.StatusCode)),
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors, string detail)
        => new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = detail,
        };

    private static HttpValidationProblemDetails BindingProblem(BadHttpRequestException exception)
    {
        var (field, message) = BindingErrors.Describe(exception);
        return Validation(new Dictionary<string, string[]> { [field] = [message] }, message);
    }
}
