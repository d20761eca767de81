using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace SyncMonitor.Api.Common.Errors;

public static class ErrorsModule
{
    /// <summary>Every 4xx/5xx becomes RFC 9457 problem+json with a trace id and no internals.</summary>
    public static IServiceCollection AddErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["trace_id"] = context.HttpContext.TraceIdentifier;
            // The title is the status's, in the request's language; detail stays what the endpoint said.
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Title = Localization.Texts.ProblemTitle(status, context.ProblemDetails is HttpValidationProblemDetails)
                ?? context.ProblemDetails.Title;
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                ValidationMessages.Localize(validation, System.Globalization.CultureInfo.CurrentUICulture);
            }

            // An exception handler clears the response's headers; the language is restated with the problem.
            context.HttpContext.Response.Headers.ContentLanguage = System.Globalization.CultureInfo.CurrentUICulture.Name;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                // The framework answers a wrong (not missing) Content-Type itself, without a word of why.
                context.ProblemDetails.Detail ??= Localization.Texts.Get("Problem.Detail.JsonContentType");
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        // Malformed JSON and unbindable parameters throw, so the handler above turns them into 400 problems.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddValidation();
        return services;
    }

    public static IApplicationBuilder UseErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
