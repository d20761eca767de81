using System.Net.Http.Json;
using Microsoft.Playwright;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SyncMonitor.IntegrationTests.Dashboard;

/// <summary>What got in the way of a new user of the dashboard (issue 17): a stale busy banner, unconfigured sources
/// looking like an outage, an unconfirmed cancel, squeezed or overflowing tables, a run that only later says it is
/// synthetic, and a progress status that differs from the run record's.</summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class DashboardRoughEdgesTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions LongText = new() { Timeout = DashboardPage.Timeout };
    private static readonly LocatorAssertionsToContainTextOptions LongContains = new() { Timeout = DashboardPage.Timeout };
    private static readonly LocatorAssertionsToBeVisibleOptions LongVisible = new() { Timeout = DashboardPage.Timeout };

    [SkippableFact]
    public async Task The_busy_banner_goes_when_the_task_ends_and_the_run_says_synthetic_and_success_like_its_record()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 800); // a run of several seconds: the second click lands in it
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator");

        await page.Id("start-sync").ClickAsync();
        await Expect(page.Id("action-message")).ToContainTextAsync("同步任务已启动", LongContains);
        await Expect(page.Locator("#action-message .tag.synthetic")).ToBeVisibleAsync(LongVisible);
        await Expect(page.Locator("#task-summary .tag.synthetic")).ToBeVisibleAsync(LongVisible);
        await page.Id("start-sync").ClickAsync();
        await Expect(page.Locator("#action-message .busy-message")).ToBeVisibleAsync(LongVisible);

        await Expect(page.Id("task-status")).ToHaveTextAsync("成功", LongText);
        await Expect(page.Id("task-status")).ToHaveAttributeAsync("data-status", "success");
        await Expect(page.Id("action-message")).ToBeHiddenAsync(new() { Timeout = DashboardPage.Timeout });
        page.Errors.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Cancelling_asks_for_confirmation_and_a_refusal_leaves_the_task_running()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 2_000);
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator");
        var dialogs = new List<string>();
        var cancelRequests = 0;
        page.Page.Request += (_, request) => cancelRequests += request.Url.EndsWith("/cancel", StringComparison.Ordinal) ? 1 : 0;
        page.Page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type + ": " + dialog.Message);
            await (dialogs.Count == 1 ? dialog.DismissAsync() : dialog.AcceptAsync());
        };

        await page.Id("start-sync").ClickAsync();
        await Expect(page.Id("cancel-task")).ToBeVisibleAsync(LongVisible);
        var taskId = await page.Id("task-id").TextContentAsync();
        await page.Id("cancel-task").ClickAsync();
        await Expect(page.Id("task-status")).ToHaveTextAsync("运行中");
        cancelRequests.Should().Be(0, "a dismissed confirmation sends nothing");

        await page.Id("cancel-task").ClickAsync();
        await Expect(page.Id("task-status")).ToHaveTextAsync("已取消", LongText);
        dialogs.Should().HaveCount(2).And.AllSatisfy(d => d.Should().StartWith("confirm: ").And.Contain(taskId!));
        cancelRequests.Should().Be(1);
    }

    [SkippableFact]
    public async Task Unconfigured_sources_are_grey_and_not_counted_as_unavailable()
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 0);
        await using var page = await DashboardPage.OpenAsync(chromium, host);
        await page.SignInAsync(TestApiKeys.Operator, "Otto Operator");

        var unconfigured = page.Page.Locator("#sources-body tbody tr", new() { HasText = "tushare" });
        await Expect(unconfigured.Locator(".tag")).ToHaveTextAsync("未配置", LongText);
        await Expect(unconfigured.Locator(".tag")).ToHaveAttributeAsync("data-status", "unconfigured");
        await Expect(unconfigured).Not.ToContainTextAsync("not enabled");
        await Expect(unconfigured).Not.ToContainTextAsync("不可用");
        await page.Id("test-sources").ClickAsync();
        await Expect(page.Id("sources-message")).ToHaveTextAsync("2/2 个已配置数据源可用", LongText);
    }

    [SkippableTheory]
    [InlineData(1366, 800)]
    [InlineData(390, 844)]
    public async Task Short_tokens_never_wrap_and_the_page_is_never_wider_than_the_screen(int width, int height)
    {
        SkipWithoutChromium();
        using var host = DashboardHost.Start(demoDelayMs: 0);
        var admin = host.CreateClient(TestApiKeys.Admin);
        var longError = string.Join(' ', Enumerable.Repeat("connection refused by 127.0.0.1:27017 while writing batch", 6));
        (await admin.PostAsJsonAsync(OperationLogApiPaths.Create, new { action_type = "manual", action = "Imported a very long file name " + new string('x', 80), success = false, error_message = longError }))
            .EnsureSuccessStatusCode();
        await using var page = await DashboardPage.OpenAsync(chromium, host, tab => tab.SetViewportSizeAsync(width, height));
        await page.SignInAsync(TestApiKeys.Admin, "Ada Admin", expectLiveConnection: false);
        await Expect(page.Locator("#logs-body tbody tr").First).ToBeVisibleAsync(LongVisible);
        await Expect(page.Locator("#sources-body tbody tr").First).ToBeVisibleAsync(LongVisible);

        // Every cell whose text is one short token (a user, an IP, a time part, a tag) is on one line.
        var wrapped = await page.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('table.grid td')].flatMap((td) => {
              const text = td.innerText.trim();
              if (!text || text.length > 24 || /\s/.test(text)) return [];
              // The text's own line boxes: a token broken over two lines has boxes more than half a line apart.
              const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
              const tops = [];
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const range = document.createRange(); range.selectNodeContents(node);
                for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
              }
              return tops.length && Math.max(...tops) - Math.min(...tops) > 6 ? [text] : [];
            })
            """);
        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var screenshot = await page.ScreenshotAsync($"dashboard-{width}.png");

        wrapped.Should().BeEmpty();
        overflow.Should().BeLessThanOrEqualTo(0, "tables scroll inside their card; the page itself does not scroll sideways");
        page.Errors.Should().BeEmpty();
        output.WriteLine($"Screenshot: {screenshot}");
    }

    private static void SkipWithoutChromium() => Skip.If(ChromiumFixture.SkipReason is not null, ChromiumFixture.SkipReason);
}
