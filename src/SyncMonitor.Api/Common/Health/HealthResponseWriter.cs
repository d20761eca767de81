using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SyncMonitor.Api.Common.Json;

namespace SyncMonitor.Api.Common.Health;

/// <summary>Readiness as JSON: overall status and one entry per check, without exception details.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            Status = report.Status.ToString().ToLowerInvariant(),
            Checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { Status = e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSetup.Options));
    }
}
