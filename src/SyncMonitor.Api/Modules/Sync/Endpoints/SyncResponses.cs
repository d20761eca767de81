using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Endpoints;

/// <summary>Answers and input checks the sync endpoints share.</summary>
internal static class SyncResponses
{
    /// <summary>SPEC §3.1: 409 with <c>detail</c> = <c>message</c> = the busy text and the task holding the lock.</summary>
    public static ProblemHttpResult Busy(CurrentTask? holder)
        => Problems.Conflict(SyncMessages.Busy, new Dictionary<string, object?>
        {
            ["message"] = SyncMessages.Busy,
            ["current_task"] = holder,
        });

    public static Accepted<ApiEnvelope<SyncStats>> Accepted(SyncStats run)
        => TypedResults.Accepted(SyncApiPaths.ProgressFor(run.TaskId), ApiEnvelope<SyncStats>.Ok(run, SyncMessages.Started));

    /// <summary>Parses a snake_case enum value (<c>success_with_errors</c>, <c>web_batch</c>).</summary>
    public static T? ParseEnum<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = Enum.GetValues<T>().Where(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) == value.Trim()).ToList();
        return match.Count == 1 ? match[0] : throw new ValidationException(field,
            $"{field} must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())))}.");
    }

    public static IReadOnlyList<string> SplitList(string? value)
        => string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
