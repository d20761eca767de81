using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Endpoints;

/// <summary>Answers and input checks the sync endpoints share.</summary>
internal static class SyncResponses
{
    /// <summary>SPEC §3.1: 409 with <c>detail</c> = <c>message</c> = the busy text (in the request's language) and the
    /// task holding the lock.</summary>
    public static ProblemHttpResult Busy(CurrentTask? holder)
    {
        var busy = Texts.Get("Sync.Busy");
        return Problems.Conflict(busy, new Dictionary<string, object?>
        {
            ["message"] = busy,
            ["current_task"] = holder,
        });
    }

    /// <summary>Documents the 409 of an endpoint that answers with <see cref="Busy"/>: its own schema with <c>current_task</c>.</summary>
    public static RouteHandlerBuilder ProducesSyncBusy(this RouteHandlerBuilder builder)
        => builder.Produces<SyncBusyProblem>(StatusCodes.Status409Conflict, "application/problem+json");

    public static Accepted<ApiEnvelope<SyncStats>> Accepted(SyncStats run)
        => TypedResults.Accepted(SyncApiPaths.ProgressFor(run.TaskId), ApiEnvelope<SyncStats>.Ok(run.ForReader(), Texts.Get("Sync.Started")));

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

/// <summary>The 409 body while another sync holds the global lock (schema only; written as a problem by <see cref="SyncResponses.Busy"/>).</summary>
internal sealed record SyncBusyProblem(string Type, string Title, int Status, string Detail, string Message, CurrentTask? CurrentTask);
