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

    /// <summary>Most tasks one connection may follow at a time: groups cost server memory per name.</summary>
    public const int MaxTasksPerConnection = 32;

    /// <summary>How old a task may be (by the time in its id) and still be followed.</summary>
    public static readonly TimeSpan RecentTasks = TimeSpan.FromDays(7);

    private static readonly object FollowedKey = new();

    public Task SubscribeTask(string taskId)
    {
        var id = Validated(taskId);
        if (!IsRecent(id, DateTimeOffset.UtcNow))
        {
            throw new HubException("task_id must be a task of the last 7 days ({task_type}-{yyyyMMdd}T{HHmmss}-{suffix}).");
        }

        var followed = Followed();
        if (!followed.Contains(id) && followed.Count >= MaxTasksPerConnection)
        {
            throw new HubException($"At most {MaxTasksPerConnection} tasks can be followed per connection; unsubscribe one first.");
        }

        followed.Add(id);
        return Groups.AddToGroupAsync(Context.ConnectionId, NotificationsHubGroups.Task(id));
    }

    public Task UnsubscribeTask(string taskId)
    {
        var id = Validated(taskId);
        Followed().Remove(id);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, NotificationsHubGroups.Task(id));
    }

    /// <summary>Task ids carry their start time (<c>stock_basics-20261202T103000-1a2b3c4d</c>); one from the last
    /// <see cref="RecentTasks"/> (or up to a day ahead, for clocks apart) may be followed.</summary>
    internal static bool IsRecent(string taskId, DateTimeOffset now)
    {
        var match = StartTime().Match(taskId);
        return match.Success
            && DateTimeOffset.TryParseExact(match.Groups[1].Value, "yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var started)
            && started > now - RecentTasks && started < now.AddDays(1);
    }

    // Invocations of one connection run one at a time, so the set needs no lock.
    private HashSet<string> Followed()
        => Context.Items.TryGetValue(FollowedKey, out var set) && set is HashSet<string> followed
            ? followed
            : (HashSet<string>)(Context.Items[FollowedKey] = new HashSet<string>(StringComparer.Ordinal));

    private static string Validated(string? taskId)
        => taskId is not null && TaskId().IsMatch(taskId)
            ? taskId
            : throw new HubException("task_id must be 1-80 characters: letters, digits, '_' or '-', starting with a letter or digit.");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}\z")]
    private static partial Regex TaskId();

    [GeneratedRegex(@"-(\d{8}T\d{6})-")]
    private static partial Regex StartTime();
}
