using System.Diagnostics;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Audits mutating <c>/api</c> calls and endpoints marked <see cref="AuditMetadata"/>. The request only
/// pays for a timestamp and, when audited, for building the entry; storing happens in the background.</summary>
internal sealed class OperationLogMiddleware(RequestDelegate next, RequestAuditor auditor)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            auditor.Capture(context, started);
        }
    }
}
