using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using SyncMonitor.Api.Common.Auth;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Decides whether a request is audited and turns it into an entry. What the exception handler may
/// clear (endpoint, route values) is captured when the pipeline returns; status and problem detail are read
/// when the response has completed, so 401/403/404/429/500 answers written further out are recorded as sent.</summary>
internal sealed partial class RequestAuditor(
    OperationLogQueue queue,
    ClientIpResolver clientIp,
    TimeProvider time,
    ILogger<RequestAuditor> logger)
{
    public const string GenericActionType = "api";
    public const string SessionHeader = "X-Session-Id";
    private const int MaxQueryKeys = 50;
    private const int MaxValueLength = 500;

    public void Capture(HttpContext context, long startedTimestamp)
    {
        var endpoint = context.GetEndpoint();
        var audit = endpoint?.Metadata.GetMetadata<AuditMetadata>();
        if (audit is null && !IsMutatingApiCall(context.Request))
        {
            return;
        }

        try
        {
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? Truncate(context.Request.Path.Value ?? "/", 200);
            var pending = new PendingEntry(this, context, startedTimestamp, time.GetUtcNow() - Stopwatch.GetElapsedTime(startedTimestamp))
            {
                ActionType = audit?.ActionType ?? GenericActionType,
                Action = audit?.Action ?? $"{context.Request.Method} {route}",
                Details = RequestDetails(context, route),
            };
            context.Response.OnCompleted(static state => ((PendingEntry)state).Complete(), pending);
        }
        catch (Exception ex)
        {
            // Auditing must never fail the request it describes.
            LogCaptureFailed(logger, ex);
        }
    }

    /// <summary>Who is calling, from where: shared by the middleware and manual entries.</summary>
    public Caller Describe(HttpContext context)
    {
        var user = ApiUser.From(context.User);
        var session = context.Request.Headers[SessionHeader].ToString();
        return new Caller(
            user ?? ApiUser.Anonymous,
            user?.Role switch
            {
                null => "anonymous",
                UserRole.Admin => "admin",
                UserRole.Operator => "operator",
                _ => "viewer",
            },
            clientIp.Resolve(context),
            NullIfEmpty(Truncate(context.Request.Headers.UserAgent.ToString(), 512)),
            NullIfEmpty(Truncate(session, 128)));
    }

    private void Enqueue(OperationLog entry) => queue.TryEnqueue(entry);

    private void ReportFailure(Exception exception) => LogCaptureFailed(logger, exception);

    private static bool IsMutatingApiCall(HttpRequest request)
        => request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method);

    private static JsonObject RequestDetails(HttpContext context, string route)
    {
        var details = new JsonObject { ["method"] = context.Request.Method, ["route"] = route };
        if (context.Request.RouteValues.Count > 0)
        {
            var values = new JsonObject();
            foreach (var (key, value) in context.Request.RouteValues)
            {
                values[key] = Truncate(value?.ToString() ?? string.Empty, MaxValueLength);
            }

            details["route_values"] = values;
        }

        if (context.Request.Query.Count > 0)
        {
            var query = new JsonObject();
            foreach (var (key, value) in context.Request.Query.Take(MaxQueryKeys))
            {
                query[Truncate(key, 100)] = value.Count == 1
                    ? Truncate(value.ToString(), MaxValueLength)
                    : new JsonArray(value.Select(v => (JsonNode?)Truncate(v ?? string.Empty, MaxValueLength)).ToArray());
            }

            details["query"] = query;
        }

        return details;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not audit a request")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception);

    public sealed record Caller(ApiUser User, string Role, string? IpAddress, string? UserAgent, string? SessionId);

    /// <summary>An entry waiting for its response to complete.</summary>
    private sealed class PendingEntry(RequestAuditor auditor, HttpContext context, long startedTimestamp, DateTimeOffset timestamp)
    {
        public required string ActionType { get; init; }

        public required string Action { get; init; }

        public required JsonObject Details { get; init; }

        public Task Complete()
        {
            try
            {
                var status = context.Response.StatusCode;
                var caller = auditor.Describe(context);
                // Only what came from the request or an endpoint can hold a secret; the rest is set here.
                SecretRedactor.Redact(Details["route_values"]);
                SecretRedactor.Redact(Details["query"]);
                if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                {
                    // A refused caller's query is not worth keeping and is what a flood would fill the store with.
                    Details.Remove("query");
                }

                if (AuditContext.ExtraDetails(context) is { } extra)
                {
                    SecretRedactor.Redact(extra);
                    foreach (var (key, value) in extra.ToList())
                    {
                        extra.Remove(key);
                        Details[key] = value;
                    }
                }

                Details["status_code"] = status;
                Details["role"] = caller.Role;
                var failed = status >= StatusCodes.Status400BadRequest;
                auditor.Enqueue(new OperationLog
                {
                    Id = OperationLogId.New(timestamp),
                    UserId = caller.User.Id,
                    Username = caller.User.Name,
                    ActionType = ActionType,
                    Action = Action,
                    Details = Details,
                    Success = !failed,
                    ErrorMessage = failed ? Truncate(AuditContext.Problem(context) ?? ReasonPhrases.GetReasonPhrase(status), 2000) : null,
                    DurationMs = (long)Math.Round(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds),
                    IpAddress = caller.IpAddress,
                    UserAgent = caller.UserAgent,
                    SessionId = caller.SessionId,
                    Timestamp = timestamp,
                    CreatedAt = timestamp,
                });
            }
            catch (Exception ex)
            {
                // Auditing must never fail the request it describes.
                auditor.ReportFailure(ex);
            }

            return Task.CompletedTask;
        }
    }
}
