using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>What an endpoint or the problem-details writer tells the audit of the current request, kept in
/// <see cref="HttpContext.Items"/> so that no response has to be buffered.</summary>
public static class AuditContext
{
    private const string DetailsKey = "SyncMonitor.OperationLogs.Details";
    private const string ProblemKey = "SyncMonitor.OperationLogs.Problem";

    /// <summary>Adds a value to the audited entry's details (redacted like everything else).</summary>
    public static void AddAuditDetail(this HttpContext context, string key, JsonNode? value)
    {
        if (context.Items[DetailsKey] is not JsonObject details)
        {
            details = [];
            context.Items[DetailsKey] = details;
        }

        details[key] = value;
    }

    internal static JsonObject? ExtraDetails(HttpContext context) => context.Items[DetailsKey] as JsonObject;

    /// <summary>Called for every problem response: its <c>detail</c> (else title) becomes the error message.</summary>
    internal static void SetProblem(HttpContext context, string? problem)
    {
        if (problem is not null)
        {
            context.Items[ProblemKey] = problem;
        }
    }

    internal static string? Problem(HttpContext context) => context.Items[ProblemKey] as string;
}
