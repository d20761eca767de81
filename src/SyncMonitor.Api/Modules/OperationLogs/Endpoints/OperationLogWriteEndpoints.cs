using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Modules.OperationLogs.Recording;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>A manual entry (operator) and clearing (admin).</summary>
internal static partial class OperationLogWriteEndpoints
{
    private const int MaxDetailsLength = 16 * 1024;

    public static async Task<Results<Created<OperationLog>, ValidationProblem>> CreateAsync(
        CreateOperationLogRequest request,
        HttpContext http,
        RequestAuditor auditor,
        IOperationLogStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var actionType = request.ActionType?.Trim();
        if (string.IsNullOrEmpty(actionType) || actionType.Length > 50 || !ActionTypePattern().IsMatch(actionType))
        {
            errors.Add("action_type", "action_type is required: 1-50 characters of a-z, 0-9, '_', '.' or '-', starting with a letter.");
        }

        var action = request.Action?.Trim();
        if (string.IsNullOrEmpty(action) || action.Length > 500)
        {
            errors.Add("action", "action is required and must be at most 500 characters.");
        }

        var details = (JsonObject?)SecretRedactor.Redact(request.Details) ?? [];
        if (!UnicodeText.IsWellFormed(details))
        {
            errors.Add("details", "details must be valid Unicode text (a lone surrogate such as \\ud800 is not).");
        }
        else if (DetailsJson.Serialize(details).Length > MaxDetailsLength)
        {
            errors.Add("details", $"details must be at most {MaxDetailsLength} characters as JSON.");
        }

        if (request.ErrorMessage is { Length: > 2000 })
        {
            errors.Add("error_message", "error_message must be at most 2000 characters.");
        }

        if (request.DurationMs is < 0 or > 86_400_000)
        {
            errors.Add("duration_ms", "duration_ms must be between 0 and 86400000.");
        }

        foreach (var (field, text) in new[] { ("action", request.Action), ("error_message", request.ErrorMessage), ("session_id", request.SessionId) })
        {
            if (!UnicodeText.IsWellFormed(text))
            {
                errors.Add(field, $"{field} must be valid Unicode text.");
            }
        }

        if (request.SessionId is { Length: > 128 })
        {
            errors.Add("session_id", "session_id must be at most 128 characters.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var caller = auditor.Describe(http);
        var now = time.GetUtcNow();
        var entry = new OperationLog
        {
            Id = OperationLogId.New(now),
            UserId = caller.User.Id,
            Username = caller.User.Name,
            ActionType = actionType!,
            Action = action!,
            Details = details,
            Success = request.Success ?? true,
            ErrorMessage = request.ErrorMessage,
            DurationMs = request.DurationMs,
            IpAddress = caller.IpAddress,
            UserAgent = caller.UserAgent,
            SessionId = request.SessionId ?? caller.SessionId,
            Timestamp = now,
            CreatedAt = now,
        };
        await store.InsertManyAsync([entry], cancellationToken);
        return TypedResults.Created(OperationLogApiPaths.For(entry.Id), entry);
    }

    public static async Task<Results<Ok<ClearOperationLogsResponse>, ValidationProblem>> ClearAsync(
        ClearOperationLogsRequest request,
        HttpContext http,
        IOperationLogStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        DateTimeOffset? before = null;
        if ((request.Days is null) == string.IsNullOrWhiteSpace(request.Before))
        {
            errors.Add("days", "Give either days (keep the last N days) or before (a date or ISO-8601 time), not both.");
        }
        else if (request.Days is { } days)
        {
            if (days is < 0 or > 3650)
            {
                errors.Add("days", "days must be between 0 and 3650.");
            }
            else
            {
                before = time.GetUtcNow().AddDays(-days);
            }
        }
        else
        {
            before = OperationLogQueryParser.ParseBound(request.Before, "before", isEnd: false,
                Common.MarketData.TradeDates.Today(time), errors);
        }

        var actionType = string.IsNullOrWhiteSpace(request.ActionType) ? null : request.ActionType.Trim();
        if (actionType is { Length: > 50 })
        {
            errors.Add("action_type", "action_type must be at most 50 characters.");
        }

        if (errors.Any || before is null)
        {
            return errors.ToProblem();
        }

        var removed = await store.DeleteAsync(before.Value, actionType, cancellationToken);
        // The audit entry of this request is queued when the response completes, i.e. after the delete, so it
        // survives it and tells who removed what.
        http.AddAuditDetail("removed", removed);
        http.AddAuditDetail("cleared_before", before.Value.ToString("O"));
        http.AddAuditDetail("cleared_action_type", actionType);
        return TypedResults.Ok(new ClearOperationLogsResponse(removed, before.Value, actionType));
    }

    [GeneratedRegex("^[a-z][a-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionTypePattern();
}

internal sealed record CreateOperationLogRequest(
    string? ActionType,
    string? Action,
    JsonObject? Details,
    bool? Success,
    string? ErrorMessage,
    long? DurationMs,
    string? SessionId);

/// <summary>Remove entries older than <see cref="Days"/> days, or before <see cref="Before"/>; optionally of one action type.</summary>
internal sealed record ClearOperationLogsRequest(int? Days, string? Before, string? ActionType);

internal sealed record ClearOperationLogsResponse(long Removed, DateTimeOffset Before, string? ActionType);
