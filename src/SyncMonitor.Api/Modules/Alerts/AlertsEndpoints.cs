using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;
using SyncMonitor.Api.Modules.Alerts.Storage;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.Api.Modules.Alerts;

public static class AlertsApiPaths
{
    public const string List = "/api/monitoring/alerts";
    public const string Item = List + "/{id}";
    public const string Acknowledge = List + "/{id}/ack";
    public const string Resolve = List + "/{id}/resolve";
    public const string Channels = List + "/channels";
    public const string ChannelTest = Channels + "/{name}/test";

    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string ItemFor(string id) => $"{List}/{Uri.EscapeDataString(id)}";

    public static string AcknowledgeFor(string id) => $"{ItemFor(id)}/ack";

    public static string ResolveFor(string id) => $"{ItemFor(id)}/resolve";

    public static string ChannelTestFor(string name) => $"{Channels}/{Uri.EscapeDataString(name)}/test";
}

/// <summary>The alert list as served: newest <c>last_seen</c> first, with how many match in all.</summary>
internal sealed record AlertListResponse(IReadOnlyList<Alert> Items, long Total, int Limit);

internal static class AlertsEndpoints
{
    public static IEndpointRouteBuilder MapAlertsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var alerts = endpoints.MapGroup(AlertsApiPaths.List).WithTags("Alerts");
        alerts.MapGet(string.Empty, ListAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("ListAlerts")
            .WithSummary("Alerts, newest last_seen first; filter by status (firing/acknowledged/resolved) and level.");
        alerts.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetAlert")
            .ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapPost("/{id}/ack", AcknowledgeAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Alert, "Acknowledge alert")
            .WithName("AcknowledgeAlert")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        alerts.MapPost("/{id}/resolve", ResolveAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.Alert, "Resolve alert")
            .WithName("ResolveAlert")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Results<Ok<AlertListResponse>, ValidationProblem>> ListAsync(
        int? limit, string? status, string? level, IAlertStore store, CancellationToken cancellationToken)
    {
        var take = limit ?? AlertsApiPaths.DefaultLimit;
        if (take is < 1 or > AlertsApiPaths.MaxLimit)
        {
            return Problems.BadRequest("limit", $"limit must be between 1 and {AlertsApiPaths.MaxLimit}.");
        }

        AlertStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!AlertNames.TryParseStatus(status, out var parsed))
            {
                return Problems.BadRequest("status", "status must be one of firing, acknowledged, resolved.");
            }

            statusFilter = parsed;
        }

        AlertLevel? levelFilter = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (!AlertNames.TryParseLevel(level, out var parsed))
            {
                return Problems.BadRequest("level", "level must be one of low, medium, high, critical.");
            }

            levelFilter = parsed;
        }

        var list = await store.ListAsync(new AlertQuery(take, statusFilter, levelFilter), cancellationToken);
        return TypedResults.Ok(new AlertListResponse(list.Items, list.Total, take));
    }

    /// <summary>The alert with its deliveries (channel, status, attempts, last error).</summary>
    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> GetAsync(
        string id, IAlertStore store, IAlertDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } alert)
        {
            return Problems.NotFound(Texts.Get("Problem.NotFound.Alert"));
        }

        var sent = await deliveries.ListForAlertAsync(alert.Id, cancellationToken);
        return TypedResults.Ok(alert with { Deliveries = sent.Select(d => d.ToView()).ToList() });
    }

    private static Task<Results<Ok<Alert>, ProblemHttpResult>> AcknowledgeAsync(
        string id, HttpContext http, IAlertStore store, AlertNotifier notifier, AlertsMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
        => TransitionAsync(store.AcknowledgeAsync(id, ApiUser.From(http.User)!.Id, time.GetUtcNow(), cancellationToken),
            notifier, metrics, "The alert is resolved; only an open alert can be acknowledged.", cancellationToken);

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> ResolveAsync(
        string id, HttpContext http, IAlertStore store, AlertDeliveryPlanner planner, AlertDeliveryWakeup deliveries, AlertNotifier notifier,
        AlertsMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await TransitionAsync(store.ResolveAsync(id, ApiUser.From(http.User)!.Id, time.GetUtcNow(), planner.Plan, cancellationToken),
            notifier, metrics, Texts.Get("Problem.Conflict.AlertResolved"), cancellationToken);
        deliveries.Wake(); // the resolution's deliveries (if any) were written with it
        return result;
    }

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> TransitionAsync(
        Task<AlertTransition> transition, AlertNotifier notifier, AlertsMetrics metrics, string resolvedDetail, CancellationToken cancellationToken)
    {
        var result = await transition;
        switch (result.Change)
        {
            case AlertChange.NotFound:
                return Problems.NotFound(Texts.Get("Problem.NotFound.Alert"));
            case AlertChange.AlreadyResolved:
                return Problems.Conflict(resolvedDetail);
            case AlertChange.Changed:
                metrics.RequestFiringRefresh();
                await notifier.PublishChangeAsync(result.Alert!, cancellationToken);
                break;
        }

        return TypedResults.Ok(result.Alert!);
    }
}
