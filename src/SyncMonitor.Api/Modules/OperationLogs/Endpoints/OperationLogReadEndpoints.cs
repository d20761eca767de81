using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>List, one entry, and statistics (viewer).</summary>
internal static class OperationLogReadEndpoints
{
    private const int TopUsers = 10;

    public static async Task<Results<Ok<PagedResult<OperationLog>>, ValidationProblem>> ListAsync(
        [AsParameters] OperationLogFilterQuery query,
        [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        IOperationLogStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = OperationLogQueryParser.ParseFilter(query, TradeDates.Today(time), errors);
        var pageNumber = OperationLogQueryParser.ParseInt(page, "page", 1, 1, 1_000_000, errors);
        var size = OperationLogQueryParser.ParseInt(pageSize, "page_size", OperationLogQueryParser.DefaultPageSize, 1,
            OperationLogQueryParser.MaxPageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await store.ListAsync(filter, pageNumber, size, cancellationToken));
    }

    public static async Task<Results<Ok<OperationLog>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IOperationLogStore store, CancellationToken cancellationToken)
    {
        if (!OperationLogId.TryNormalize(id, out var normalized))
        {
            return Problems.BadRequest("id", "id must be 32 hexadecimal digits.");
        }

        var entry = await store.FindAsync(normalized, cancellationToken);
        return entry is null ? Problems.NotFound(Texts.Get("Problem.NotFound.OperationLog", normalized)) : TypedResults.Ok(entry);
    }

    public static async Task<Results<Ok<OperationLogStatsResponse>, ValidationProblem>> StatsAsync(
        [FromQuery] string? days, IOperationLogStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var window = OperationLogQueryParser.ParseInt(days, "days", 30, 1, 3650, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var since = time.GetUtcNow().AddDays(-window);
        var stats = await store.StatsAsync(since, TopUsers, cancellationToken);
        return TypedResults.Ok(new OperationLogStatsResponse(window, since, stats.Total, stats.Success, stats.Failed,
            stats.SuccessRate, stats.AvgDurationMs, stats.ByActionType, stats.ByDay, stats.TopUsers));
    }
}

/// <summary>Statistics over the last <see cref="Days"/> days; <see cref="SuccessRate"/> is a percentage.</summary>
internal sealed record OperationLogStatsResponse(
    int Days,
    DateTimeOffset Since,
    long Total,
    long Success,
    long Failed,
    double SuccessRate,
    double? AvgDurationMs,
    IReadOnlyList<ActionTypeCount> ByActionType,
    IReadOnlyList<DayCount> ByDay,
    IReadOnlyList<UserCount> TopUsers);
