using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Alerts.Delivery;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>Alerts are written once, in the operators' language (<c>Alerts:Language</c>, zh-CN by default): the alert's
/// title and message, the robot message that delivers it, and the words around them — never "中文 / English".</summary>
public sealed class AlertLanguageTests
{
    private const string WeComKey = "w3c0m-k3y-lang-0000-111122223333";

    [Theory]
    [InlineData(null, "同步失败：stock_basics", "### [SyncMonitor][高] 告警触发：同步失败：stock_basics")]
    [InlineData("en", "Sync failed: stock_basics", "### [SyncMonitor][high] Alert firing: Sync failed: stock_basics")]
    public async Task A_failed_sync_alerts_and_reaches_a_robot_in_the_operators_language(string? language, string title, string heading)
    {
        var robot = new WeComRobot(WeComKey);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = new DeliveryHost()
            .WithChannel("wecom", "wecom", ("Url", robot.WebhookUrl(receiver)))
            .With("Sources:demo:FailureRate", "1")
            .With("Alerts:Language", language ?? "zh-CN");
        var client = host.CreateClient(TestApiKeys.Operator);

        await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
        await Eventually.HoldsAsync(() => receiver.Accepted.Any(r => r.Body.Contains(AlertRules.SyncFailed, StringComparison.Ordinal)),
            "the robot got the sync_failed alert");

        var alerts = await client.GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?status=firing");
        var alert = alerts.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("rule").GetString() == AlertRules.SyncFailed);
        var markdown = JsonDocument.Parse(receiver.Accepted.First(r => r.Body.Contains(AlertRules.SyncFailed, StringComparison.Ordinal)).Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        alert.GetProperty("title").GetString().Should().Be(title);
        markdown.Should().StartWith(heading);
        markdown.Should().NotContain(" / ", "one language, not both side by side");
        if (language == "en")
        {
            Text(alert).Should().NotMatchRegex(Cjk);
            markdown.Should().NotMatchRegex(Cjk);
            receiver.Accepted.Should().AllSatisfy(r => r.Body.Should().NotMatchRegex(Cjk), "every alert, not only this one");
        }
        else
        {
            markdown.Should().Contain("**规则**：sync_failed");
        }
    }
}
