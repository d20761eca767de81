using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.RateLimiting;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SyncMonitor.Api.Common.Swagger;

/// <summary>The one place that completes every operation: texts and request examples from their tables, and the
/// answers the pipeline gives before an endpoint runs — 401 (no valid key), 403 (role too weak), 429 (rate limit) —
/// derived from the same metadata the pipeline reads, so the document cannot drift from behaviour.</summary>
internal sealed class OperationDocumentationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        AddTexts(operation);
        AddRequestExample(operation);
        if (!IsApi(context))
        {
            return;
        }

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
        {
            AddProblem(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body was not sent as Content-Type: application/json.");
            AddProblem(operation, context, StatusCodes.Status400BadRequest, "Invalid input; errors name each field.");
        }

        AddProblem(operation, context, StatusCodes.Status429TooManyRequests, string.Join(" ", TooManyReasons(context, metadata)));
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No valid X-Api-Key.");
        if (NeedsMoreThanViewer(metadata))
        {
            AddProblem(operation, context, StatusCodes.Status403Forbidden, "The key's role may not do this.");
        }
    }

    /// <summary>Every /api call can meet the refusal limiter (it runs before anything else); some have limits of their own.</summary>
    private static IEnumerable<string> TooManyReasons(OperationFilterContext context, IList<object> metadata)
    {
        if (IsRateLimited(context, metadata))
        {
            yield return "Rate limit reached; see Retry-After.";
        }

        if (metadata.OfType<ExpensiveReadMetadata>().Any())
        {
            yield return "Too many slow reads of this caller (or of everyone) at once; see Retry-After.";
        }

        yield return RefusalReason;
    }

    /// <summary>What <see cref="RefusalLimiter"/> answers; public for the document test.</summary>
    internal const string RefusalReason = "This client was refused (401/403) too often this minute, so every request of it is refused until the minute ends; see Retry-After.";

    private static void AddTexts(OpenApiOperation operation)
    {
        if (operation.OperationId is { } id && OperationTexts.ById.TryGetValue(id, out var texts))
        {
            operation.Summary = string.IsNullOrWhiteSpace(operation.Summary) ? texts.Summary : operation.Summary;
            operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? texts.Description : operation.Description;
        }
    }

    private static void AddRequestExample(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is { } content && operation.OperationId is { } id
            && RequestExamples.ById.TryGetValue(id, out var example))
        {
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = JsonNode.Parse(example);
            }
        }
    }

    private static bool IsApi(OperationFilterContext context)
        => ("/" + context.ApiDescription.RelativePath).StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>Viewer is the weakest role every key has, so only a stronger policy (or named roles) can refuse a valid key.</summary>
    private static bool NeedsMoreThanViewer(IList<object> metadata)
        => metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles)
            || a.Policy is Policies.Operator or Policies.Admin);

    /// <summary>Mirrors <see cref="RateLimitingModule"/>: mutating /api calls and export endpoints are limited.</summary>
    private static bool IsRateLimited(OperationFilterContext context, IList<object> metadata)
        => metadata.OfType<ExportRateLimitMetadata>().Any()
            || context.ApiDescription.HttpMethod is { } method && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
                && !HttpMethods.IsOptions(method);

    private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
