using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SyncMonitor.Api.Common.Auth;

namespace SyncMonitor.Api.Modules.Notifications.Realtime;

/// <summary>Server-to-client event names of <c>/hubs/notifications</c>.</summary>
public static class NotificationsHubEvents
{
    /// <summary>To <c>user:{id}</c>: <c>{notification, unread_count}</c>.</summary>
    public const string Notification = "notification";

    /// <summary>To <c>task:{task_id}</c>: a progress snapshot of the task.</summary>
    public const string SyncProgress = "syncProgress";

    /// <summary>To everyone: a sync run's status changed.</summary>
    public const string SyncStatus = "syncStatus";

    /// <summary>To everyone: an alert was announced, acknowledged or resolved (the alert as the API shows it).</summary>
    public const string Alert = "alert";
}

/// <summary>Client-to-server methods of <c>/hubs/notifications</c>.</summary>
public static class NotificationsHubMethods
{
    public const string SubscribeTask = nameof(NotificationsHub.SubscribeTask);
    public const string UnsubscribeTask = nameof(NotificationsHub.UnsubscribeTask);
}

internal static class NotificationsHubGroups
{
    public static string User(string userId) => "user:" + userId;

    public static string Task(string taskId) => "task:" + taskId;
}

/// <summary>Live events for the SPA. Every connection is authenticated (API key in <c>X-Api-Key</c> or, because
/// browsers cannot set WebSocket headers, <c>access_token</c> in the query) and joins its user's group; it can
/// follow the progress of tasks by id.</summary>
[Authorize(Policy = Policies.Viewer)]
internal sealed partial class NotificationsHub : Hub
{
    public override async Task OnConnectedAsync()
    {
        var user = ApiUser.From(Context.User ?? new System.Security.Claims.ClaimsPrincipal())
            ?? throw new HubException("Not authenticated.");
        await Groups.AddToGroupAsync(Context.ConnectionId, NotificationsHubGroups.User(user.Id));
        await base.OnConnectedAsync();
    }

    public Task SubscribeTask(string taskId)
        => Groups.AddToGroupAsync(Context.ConnectionId, NotificationsHubGroups.Task(Validated(taskId)));

    public Task UnsubscribeTask(string taskId)
        => Groups.RemoveFromGroupAsync(Context.ConnectionId, NotificationsHubGroups.Task(Validated(taskId)));

    private static string Validated(string? taskId)
        => taskId is not null && TaskId().IsMatch(taskId)
            ? taskId
            : throw new HubException("task_id must be 1-80 characters: letters, digits, '_' or '-', starting with a letter or digit.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")]
    private static partial Regex TaskId();
}
