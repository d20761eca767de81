using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Notifications;

namespace SyncMonitor.UnitTests.Alerts;

public sealed class AlertNotifierTests
{
    private static Alert Alert(AlertLevel level) => new()
    {
        Id = "a1", Rule = "integrity_level", Level = level, Fingerprint = "fp", Title = "完整率低 / Low completion", Message = "72%",
        Labels = new Dictionary<string, string> { ["check"] = "full", ["source"] = "demo" }, Status = AlertStatus.Firing, Count = 4,
        FirstSeen = DateTimeOffset.UnixEpoch, LastSeen = DateTimeOffset.UnixEpoch, CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData(AlertLevel.High, "error", "[HIGH]")]
    [InlineData(AlertLevel.Critical, "critical", "[CRITICAL]")]
    public void An_alert_notification_carries_level_rule_labels_and_a_link(AlertLevel level, string severity, string prefix)
    {
        var request = AlertNotifier.ToNotification(Alert(level), "u-ops");

        request.UserId.Should().Be("u-ops");
        request.Type.Should().Be(NotificationType.Alert);
        request.Severity.Should().Be(severity);
        request.Title.Should().Be(prefix + " 完整率低 / Low completion");
        request.Content.Should().Contain("72%").And.Contain("integrity_level").And.Contain("check=full, source=demo").And.Contain("4");
        request.Link.Should().Be(AlertsApiPaths.ItemFor("a1"));
        request.Metadata.Should().Contain("alert_id", "a1").And.Contain("fingerprint", "fp");
    }
}
