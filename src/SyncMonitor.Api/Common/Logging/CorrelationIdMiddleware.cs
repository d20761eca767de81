using System.Text.RegularExpressions;
using Serilog.Context;

namespace SyncMonitor.Api.Common.Logging;

/// <summary>Takes a well-formed <c>X-Correlation-Id</c> from the caller or makes one, echoes it, and puts it on
/// every log line of the request (and in problem responses as <c>trace_id</c>).</summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-Id";
    public const string LogProperty = "CorrelationId";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var id = SafeId().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        using (LogContext.PushProperty(LogProperty, id))
        {
            await next(context);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafeId();
}
