using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary><c>/api/notifications</c>: every caller sees and changes only their own. Each test has its own host
/// so counts are exact.</summary>
public sealed class NotificationEndpointsTests
{
    private static async Task<string> NotifyAsync(SyncMonitorFactory host, string userId, NotificationType type = NotificationType.System)
    {
        var notification = await host.Services.GetRequiredService<NotificationService>().CreateAsync(
            new NotificationRequest(userId, type, "标题 title", "内容 content", NotificationSeverities.Info, "/x", "test"),
            CancellationToken.None);
        return notification.Id;
    }

    [Fact]
    public async Task A_user_lists_only_their_own_notifications_with_paging_and_filters()
    {
        using var host = new SyncMonitorFactory();
        await NotifyAsync(host, "u-viewer", NotificationType.Sync);
        await NotifyAsync(host, "u-viewer", NotificationType.Alert);
        await NotifyAsync(host, "u-viewer", NotificationType.Alert);
        await NotifyAsync(host, "u-viewer-2", NotificationType.Alert);
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        var page = await viewer.GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List + "?page=1&page_size=2");
        var alerts = await viewer.GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List + "?type=alert&status=unread");
        var others = await host.CreateClient(TestApiKeys.OtherViewer).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List);

        page.GetProperty("total").GetInt64().Should().Be(3);
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("page_size").GetInt32().Should().Be(2);
        page.GetProperty("items").EnumerateArray().Should().HaveCount(2)
            .And.OnlyContain(n => n.GetProperty("user_id").GetString() == "u-viewer" && n.GetProperty("status").GetString() == "unread");
        alerts.GetProperty("total").GetInt64().Should().Be(2);
        alerts.GetProperty("items").EnumerateArray().Should().OnlyContain(n => n.GetProperty("type").GetString() == "alert");
        others.GetProperty("total").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Marking_read_changes_the_unread_count_and_another_users_id_is_404()
    {
        using var host = new SyncMonitorFactory();
        var mine = await NotifyAsync(host, "u-viewer");
        await NotifyAsync(host, "u-viewer");
        var theirs = await NotifyAsync(host, "u-viewer-2");
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        (await viewer.GetFromJsonAsync<JsonElement>(NotificationsApiPaths.UnreadCount)).GetProperty("count").GetInt64().Should().Be(2);
        var read = await viewer.PostAsync(NotificationsApiPaths.MarkReadFor(mine), null);
        var foreign = await viewer.PostAsync(NotificationsApiPaths.MarkReadFor(theirs), null);
        var unknown = await viewer.PostAsync(NotificationsApiPaths.MarkReadFor("nope"), null);

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("read");
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound, "another user's id answers exactly like an unknown one");
        foreign.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var foreignProblem = await foreign.Content.ReadFromJsonAsync<JsonElement>();
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        foreignProblem.GetProperty("detail").GetString().Should().Be(unknownProblem.GetProperty("detail").GetString());
        foreignProblem.GetProperty("title").GetString().Should().Be(unknownProblem.GetProperty("title").GetString());
        (await viewer.GetFromJsonAsync<JsonElement>(NotificationsApiPaths.UnreadCount)).GetProperty("count").GetInt64().Should().Be(1);
        (await host.CreateClient(TestApiKeys.OtherViewer).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.UnreadCount))
            .GetProperty("count").GetInt64().Should().Be(1, "the other user's notification is untouched");
    }

    [Fact]
    public async Task Read_all_returns_how_many_changed_for_the_caller_only()
    {
        using var host = new SyncMonitorFactory();
        for (var i = 0; i < 3; i++)
        {
            await NotifyAsync(host, "u-viewer");
        }

        await NotifyAsync(host, "u-viewer-2");
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        var first = await viewer.PostAsync(NotificationsApiPaths.ReadAll, null);
        var second = await viewer.PostAsync(NotificationsApiPaths.ReadAll, null);

        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt64().Should().Be(3);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt64().Should().Be(0);
        (await host.CreateClient(TestApiKeys.OtherViewer).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.UnreadCount))
            .GetProperty("count").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Storing_keeps_at_most_max_per_user_dropping_the_oldest()
    {
        using var host = new SyncMonitorFactory();
        host.With("Notifications:MaxPerUser", "2");
        var first = await NotifyAsync(host, "u-viewer");
        var second = await NotifyAsync(host, "u-viewer");
        var third = await NotifyAsync(host, "u-viewer");

        var list = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List);

        list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Should().Equal(third, second);
        list.GetProperty("total").GetInt64().Should().Be(2);
        first.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=101", "page_size")]
    [InlineData("?status=seen", "status")]
    [InlineData("?type=email", "type")]
    public async Task Bad_query_values_are_400_problems_naming_the_field(string query, string field)
    {
        using var host = new SyncMonitorFactory();
        var response = await host.CreateClient(TestApiKeys.Viewer).GetAsync(NotificationsApiPaths.List + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Every_notification_endpoint_needs_a_key()
    {
        using var host = new SyncMonitorFactory();
        var anonymous = host.CreateClient(apiKey: null);
        (await anonymous.GetAsync(NotificationsApiPaths.List)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync(NotificationsApiPaths.UnreadCount)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync(NotificationsApiPaths.ReadAll, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
