using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency.CrossSource;

namespace SyncMonitor.UnitTests.Consistency;

public sealed class ConsistencyAlertLevelTests
{
    [Theory]
    [InlineData(0.0, AlertLevel.Critical)]
    [InlineData(0.2999, AlertLevel.Critical)]
    [InlineData(0.3, AlertLevel.High)]
    [InlineData(0.5999, AlertLevel.High)]
    [InlineData(0.6, AlertLevel.Medium)]
    [InlineData(0.79, AlertLevel.Medium)]
    public void The_alert_level_follows_the_confidence(double confidence, AlertLevel level)
        => ConsistencyAlerts.LevelFor(confidence).Should().Be(level);

    [Fact]
    public void The_alert_is_labelled_with_the_source_pair()
        => ConsistencyAlerts.Labels("demo", "demo_alt").Should().Equal(new Dictionary<string, string> { ["primary"] = "demo", ["secondary"] = "demo_alt" });
}
