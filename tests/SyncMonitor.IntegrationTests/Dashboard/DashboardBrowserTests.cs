using System.Diagnostics;
using Microsoft.Playwright;
using SyncMonitor.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SyncMonitor.IntegrationTests.Dashboard;

/// <summary>The dashboard in headless Chromium against the real host on a real port: what an operator does and
/// sees. Screenshots go to TestResults/dashboard/ in the repository.</summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions LongText = new() { Timeout = DashboardPage.Timeout };
    private static readonly LocatorAssertionsToContainTextOptions LongContains = new() { Timeout = DashboardPage.Timeout };

    [SkippableFact]
    public async Task An_operator_starts_a_sync_and_watches_it_reach_100_percent_live_without_reloading()
    {
        SkipWithoutChromium();
        var clock = Stopwatch.StartNew();
        using var host = DashboardHost.Start(demoDelayMs: 300);
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator");
        await Expect(page.Id("unread-badge")).ToHaveTextAsync("0", LongText);

        await page.Id("start-sync").ClickAsync();
        await Expect(page.Id("action-message")).ToContainTextAsync("同步任务已启动", LongContains);
        var taskId = await page.Id("task-id").TextContentAsync();
        var seen = await page.WatchProgressUntilCompleteAsync();

        await Expect(page.Id("task-status")).ToHaveTextAsync("成功", LongText);
        await Expect(page.Id("unread-badge")).ToHaveTextAsync("1", LongText);
        await Expect(page.Locator("#notifications-body .notification").First).ToContainTextAsync(taskId!, LongContains);
        await Expect(page.Locator("#status-body")).ToContainTextAsync("演示数据", LongContains);
        await Expect(page.Locator("#history-body tbody tr")).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        var screenshot = await page.ScreenshotAsync("dashboard.png");

        taskId.Should().StartWith("stock_basics-");
        seen.Should().Contain(v => v > 0 && v < 100, "the bar moves through the run, not only from 0 to 100").And.BeInAscendingOrder();
        page.Loads.Should().Be(2, "the page loads once, and once more after the key is entered; nothing after that reloads it");
        page.WebSockets.Should().Contain(url => url.Contains("/hubs/notifications") && url.Contains("access_token="),
            "progress and the notification arrive over the hub's WebSocket, which the page's policy allows");
        page.Errors.Should().BeEmpty();
        output.WriteLine($"Screenshot: {screenshot}; bar values seen: {string.Join(", ", seen)}; took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task Starting_a_second_sync_while_one_runs_shows_the_busy_message_with_the_current_task()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 2_000); // a run of 20 s or more: the second click lands in it
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator");

        await page.Id("start-sync").ClickAsync();
        await Expect(page.Id("action-message")).ToContainTextAsync("同步任务已启动", LongContains);
        var taskId = await page.Id("task-id").TextContentAsync();
        await page.Id("start-sync").ClickAsync();

        await Expect(page.Id("action-message")).ToHaveAttributeAsync("data-kind", "warning", new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#action-message .busy-message")).ToHaveTextAsync("已有同步任务正在运行，请等待当前任务完成后再试", LongText);
        await Expect(page.Locator("#action-message .busy-task")).ToHaveTextAsync(taskId!, LongText);
        var screenshot = await page.ScreenshotAsync("dashboard-busy.png");
        page.Page.Dialog += (_, dialog) => dialog.AcceptAsync(); // cancelling asks for confirmation
        await page.Id("cancel-task").ClickAsync();
        await Expect(page.Id("task-status")).ToHaveTextAsync("已取消", LongText);

        page.Errors.Should().BeEmpty();
        output.WriteLine($"Screenshot: {screenshot}");
    }

    [SkippableFact]
    public async Task When_the_socket_cannot_connect_the_page_polls_the_progress_until_the_run_ends()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 300);
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        var progressPolls = 0;
        await page.Page.RouteAsync("**/hubs/notifications/negotiate**", route => route.AbortAsync());
        page.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/progress", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref progressPolls);
            }
        };
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator", expectLiveConnection: false);
        await Expect(page.Id("live-state")).ToHaveAttributeAsync("data-state", "offline", new() { Timeout = DashboardPage.Timeout });

        await page.Id("start-sync").ClickAsync();
        await Expect(page.Id("task-note")).ToContainTextAsync("每 5 秒", LongContains);
        await Expect(page.Id("task-status")).ToHaveTextAsync("成功", LongText);
        await Expect(page.Id("unread-badge")).ToHaveTextAsync("1", LongText); // the count is polled too

        (await page.ProgressAsync()).Should().Be(100);
        Volatile.Read(ref progressPolls).Should().BeGreaterThanOrEqualTo(2, "one read on following the task, then 5 s polls");
        page.WebSockets.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Polling_stops_after_60_polls_when_the_socket_stays_down_and_the_task_never_ends()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 0);
        var progressReads = 0;
        // A fake clock in the page fires the 5 s polls on demand; the progress answer says "running" for ever.
        await using var page = await DashboardPage.OpenAsync(chromium, host, async tab =>
        {
            await tab.Clock.InstallAsync();
            await tab.RouteAsync("**/hubs/notifications/negotiate**", route => route.AbortAsync());
            await tab.RouteAsync("**/api/sync/tasks/*/progress", route =>
            {
                Interlocked.Increment(ref progressReads);
                return route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = RunningProgress(route.Request.Url) });
            });
        });
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator", expectLiveConnection: false);
        await page.Id("start-sync").ClickAsync();
        await Expect(page.Id("task-note")).ToContainTextAsync("每 5 秒", LongContains);

        for (var expected = 2; expected <= 1 + CurrentTaskPollLimit; expected++)
        {
            await AdvanceUntilAsync(page.Page, () => Volatile.Read(ref progressReads) >= expected);
        }

        await Expect(page.Id("task-note")).ToContainTextAsync("已查询 60 次", LongContains);
        await page.Page.Clock.RunForAsync((long)TimeSpan.FromMinutes(10).TotalMilliseconds);
        await Task.Delay(500); // a 62nd read, were there one, would be on its way by now

        Volatile.Read(ref progressReads).Should().Be(1 + CurrentTaskPollLimit, "one read on following the task, then at most 60 polls");
        await Expect(page.Id("task-progress-label")).ToHaveTextAsync("42 %", LongText);
    }

    [SkippableFact]
    public async Task A_wrong_key_is_refused_and_a_viewer_gets_no_operator_controls_and_a_friendly_logs_panel_without_the_logs_api()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 0);
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        // Deterministic whether or not the operation-logs module is on this build: the page must cope with a 404.
        await page.Page.RouteAsync("**/api/system/logs/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 404,
            ContentType = "application/problem+json",
            Body = """{"title":"Not Found","status":404}""",
        }));

        await page.SubmitKeyAsync("not-a-real-key");
        await Expect(page.Id("key-error")).ToContainTextAsync("API Key 无效", LongContains);
        await page.SignInAsync(TestApiKeys.Viewer, "Vera Viewer");

        await Expect(page.Id("logs-unavailable")).ToContainTextAsync("操作日志暂不可用", LongContains);
        await Expect(page.Id("logs-filters")).ToBeHiddenAsync();
        await Expect(page.Id("operator-actions")).ToBeHiddenAsync();
        await Expect(page.Id("test-sources")).ToBeHiddenAsync();
        await Expect(page.Id("logs-export")).ToBeHiddenAsync();
        await Expect(page.Locator("#sources-body tbody tr")).ToHaveCountAsync(6, new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#status-body")).ToContainTextAsync("尚未同步", LongContains);
        page.Errors.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Operation_logs_show_hostile_values_as_text_and_the_csv_export_downloads_with_the_key()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 0);
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        var listQueries = new List<string>();
        string? exportKey = null;
        string? exportQuery = null;
        await page.Page.RouteAsync("**/api/system/logs/list**", async route =>
        {
            lock (listQueries)
            {
                listQueries.Add(new Uri(route.Request.Url).Query);
            }

            await route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = HostileLogPage });
        });
        await page.Page.RouteAsync("**/api/system/logs/export/csv**", async route =>
        {
            exportKey = (await route.Request.AllHeadersAsync()).GetValueOrDefault("x-api-key");
            exportQuery = new Uri(route.Request.Url).Query;
            await route.FulfillAsync(new RouteFulfillOptions
            {
                ContentType = "text/csv; charset=utf-8",
                Headers = new Dictionary<string, string>
                {
                    ["Content-Disposition"] = "attachment; filename=\"operation-logs.csv\"; filename*=UTF-8''%E6%93%8D%E4%BD%9C%E6%97%A5%E5%BF%97_20261101.csv",
                },
                Body = "\uFEFF时间,用户,操作类型,操作内容,状态,耗时(ms),IP地址,错误信息\n",
            });
        });
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator");

        var cells = page.Locator("#logs-body tbody td");
        await Expect(cells.Nth(3)).ToHaveTextAsync("<img src=x onerror=\"document.title='pwned'\">", LongText);
        await Expect(cells.Nth(7)).ToHaveTextAsync("<script>document.title='pwned'</script>", LongText);
        await page.Id("logs-action-type").SelectOptionAsync("sync");
        await page.Id("logs-success").SelectOptionAsync("false");
        await page.Id("logs-keyword").FillAsync("股票 & co");
        await page.Id("logs-search").ClickAsync();
        await Expect(page.Id("logs-page")).ToContainTextAsync("共 1 条", LongContains);
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Id("logs-export").ClickAsync(),
            new() { Timeout = DashboardPage.Timeout });
        var content = await File.ReadAllTextAsync((await download.PathAsync())!);
        var screenshot = await page.ScreenshotAsync("dashboard-logs.png");
        output.WriteLine($"Screenshot: {screenshot}");

        (await page.Page.Locator("#logs-body img, #logs-body script").CountAsync()).Should().Be(0);
        (await page.Page.TitleAsync()).Should().NotBe("pwned");
        lock (listQueries)
        {
            listQueries.Should().Contain(q => q.Contains("action_type=sync") && q.Contains("success=false")
                && q.Contains("keyword=" + Uri.EscapeDataString("股票 & co").Replace("%20", "+", StringComparison.Ordinal)));
        }

        exportKey.Should().Be(TestApiKeys.Operator, "the export needs the key header, so the page fetches it");
        exportQuery.Should().Contain("action_type=sync").And.Contain("success=false");
        download.SuggestedFilename.Should().Be("操作日志_20261101.csv");
        content.Should().Contain("时间,用户,操作类型");
        page.Errors.Should().BeEmpty();
    }

    private const string HostileLogPage = """
        {"items":[{"id":"0190f0a0b1c27d3e8f9a0b1c2d3e4f50","user_id":"u-operator","username":"Otto Operator",
        "action_type":"sync","action":"<img src=x onerror=\"document.title='pwned'\">","details":{},"success":false,
        "error_message":"<script>document.title='pwned'</script>","duration_ms":12,"ip_address":"127.0.0.1",
        "user_agent":"test","session_id":null,"timestamp":"2026-11-01T08:00:00+00:00","created_at":"2026-11-01T08:00:00+00:00"}],
        "total":1,"page":1,"page_size":15}
        """;

    /// <summary>The SPA contract's cap, mirrored from current-task.js.</summary>
    private const int CurrentTaskPollLimit = 60;

    private static string RunningProgress(string url)
    {
        var taskId = Uri.UnescapeDataString(new Uri(url).Segments[^2].TrimEnd('/'));
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["task_id"] = taskId, ["task_type"] = "stock_basics", ["status"] = "running", ["progress"] = 42.0,
            ["current_step"] = "upsert", ["steps"] = Array.Empty<object>(), ["message"] = "写入中",
            ["started_at"] = "2026-11-01T08:00:00+00:00", ["updated_at"] = "2026-11-01T08:00:10+00:00",
            ["elapsed_seconds"] = 10.0, ["estimated_remaining_seconds"] = 14.0,
        });
    }

    /// <summary>Moves the page's fake clock a second at a time until the condition holds (the next poll is only
    /// scheduled once the previous one has been answered, so one big jump would not do).</summary>
    private static async Task AdvanceUntilAsync(IPage page, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(DashboardPage.Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The page made no further poll.");
            }

            await page.Clock.RunForAsync(1_000);
            await Task.Delay(20);
        }
    }

    private static void SkipWithoutChromium() => Skip.If(ChromiumFixture.SkipReason is not null, ChromiumFixture.SkipReason);
}
