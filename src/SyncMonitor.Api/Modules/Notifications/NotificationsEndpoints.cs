using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Modules.Notifications.Storage;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.Api.Modules.Notifications;

public static class NotificationsApiPaths
{
    public const string List = "/api/notifications";
    public const string UnreadCount = List + "/unread_count";
    public const string MarkRead = List + "/{id}/read";
    public const string ReadAll = List + "/read_all";
    public const string Hub = "/hubs/notifications";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static string MarkReadFor(string id) => $"{List}/{Uri.EscapeDataString(id)}/read";
}

internal sealed record UnreadCountResponse(long Count);

internal sealed record ReadAllResponse(long Changed);

/// <summary>A caller sees and changes only their own notifications. Naming another user's notification id
/// answers 404, exactly as an unknown id does — not 403 — so ids of other users' notifications do not leak.</summary>
internal static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var notifications = endpoints.MapGroup(NotificationsApiPaths.List)
            .WithTags("Notifications")
            .RequireAuthorization(Policies.Viewer);
        notifications.MapGet(string.Empty, ListAsync)
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first; filter by status (unread/read) and type (sync/alert/system).");
        notifications.MapGet("/unread_count", UnreadCountAsync).WithName("CountUnreadNotifications");
        notifications.MapPost("/{id}/read", MarkReadAsync)
            .Audited(AuditActionTypes.Notification, "Mark notification read")
            .WithName("MarkNotificationRead")
            .ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPost("/read_all", MarkAllReadAsync)
            .Audited(AuditActionTypes.Notification, "Mark all notifications read")
            .WithName("MarkAllNotificationsRead");
        return endpoints;
    }

    private static async Task<Results<Ok<PagedResult<Notification>>, ValidationProblem>> ListAsync(
        string? status,
        string? type,
        int? page,
        [FromQuery(Name = "page_size")] int? pageSize,
        HttpContext http,
        INotificationStore store,
        CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize, NotificationsApiPaths.DefaultPageSize, NotificationsApiPaths.MaxPageSize);

        NotificationStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!NotificationNames.TryParseStatus(status, out var parsed))
            {
                return Problems.BadRequest("status", "status must be unread or read.");
            }

            statusFilter = parsed;
        }

        NotificationType? typeFilter = null;
        if (!string.IsNullOrEmpty(type))
        {
            if (!NotificationNames.TryParseType(type, out var parsed))
            {
                return Problems.BadRequest("type", "type must be one of sync, alert, system.");
            }

            typeFilter = parsed;
        }

        var query = new NotificationQuery(statusFilter, typeFilter, number, size);
        return TypedResults.Ok(await store.ListAsync(Caller(http), query, cancellationToken));
    }

    private static async Task<Ok<UnreadCountResponse>> UnreadCountAsync(HttpContext http, INotificationStore store, CancellationToken cancellationToken)
        => TypedResults.Ok(new UnreadCountResponse(await store.CountUnreadAsync(Caller(http), cancellationToken)));

    private static async Task<Results<Ok<Notification>, ProblemHttpResult>> MarkReadAsync(
        string id, HttpContext http, INotificationStore store, TimeProvider time, CancellationToken cancellationToken)
        => await store.MarkReadAsync(Caller(http), id, time.GetUtcNow(), cancellationToken) is { } notification
            ? TypedResults.Ok(notification)
            : Problems.NotFound(Texts.Get("Problem.NotFound.Notification"));

    private static async Task<Ok<ReadAllResponse>> MarkAllReadAsync(
        HttpContext http, INotificationStore store, TimeProvider time, CancellationToken cancellationToken)
        => TypedResults.Ok(new ReadAllResponse(await store.MarkAllReadAsync(Caller(http), time.GetUtcNow(), cancellationToken)));

    private static string Caller(HttpContext http) => ApiUser.From(http.User)!.Id;
}
