using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Dashboard;
using SyncMonitor.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>The dashboard's alert panel in headless Chromium shows where an alert was delivered.</summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class AlertDeliveriesPanelTests(ChromiumFixture chromium)
{
    [SkippableFact]
    public async Task The_alert_panel_lists_each_channels_delivery_with_status_attempts_and_last_error()
    {
        Skip.If(ChromiumFixture.SkipReason is not null, ChromiumFixture.SkipReason);
        await using var working = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Ok());
        await using var broken = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Refused(503));
        using var host = DashboardHost.Start(new DeliveryHost()
            .WithChannel("ops-hook", "webhook", ("Url", working.BaseUrl + "/hook"))
            .WithChannel("audit-hook", "webhook", ("Url", broken.BaseUrl + "/hook"))
            .With("Alerts:Delivery:RetryBaseDelaySeconds", "30").With("Alerts:Delivery:MaxRetryDelaySeconds", "60"));
        await host.Services.GetRequiredService<IAlertRaiser>().FireAsync(DeliveryHost.Signal("panel", AlertLevel.Critical), CancellationToken.None);
        await Eventually.HoldsAsync(() => working.Accepted.Count == 1 && broken.Received.Count == 1, "both channels were tried once");
        await using var page = await DashboardPage.OpenAsync(chromium, host);

        await page.SignInAsync(TestApiKeys.Viewer, "Vera Viewer");
        var alert = page.Locator("#alerts-body .alert-item").Filter(new() { HasText = "数据检查 panel" });
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = DashboardPage.Timeout });
        await alert.Locator("summary", new() { HasText = "投递记录" }).ClickAsync();

        var rows = alert.Locator(".alert-deliveries tbody tr");
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = DashboardPage.Timeout });
        var delivered = rows.Filter(new() { HasText = "ops-hook" });
        var retrying = rows.Filter(new() { HasText = "audit-hook" });
        await Expect(delivered).ToContainTextAsync("已送达");
        await Expect(delivered).ToContainTextAsync("触发");
        await Expect(retrying).ToContainTextAsync("重试中");
        await Expect(retrying).ToContainTextAsync("webhook answered HTTP 503");
        await Expect(retrying.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await page.ScreenshotAsync("alert-deliveries.png");
        page.Errors.Should().BeEmpty();
    }
}
