using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.UnitTests.Metrics;

public sealed class SlowOperationRuleTests
{
    private readonly PerformanceOptions _options = new();

    [Fact]
    public void One_critically_slow_call_is_a_high_alert()
        => SlowOperationRule.Evaluate(new WindowTotals { Count = 1000, SlowCritical = 1 }, _options).Should().Be(AlertLevel.High);

    [Fact]
    public void Enough_warning_slow_calls_at_a_clear_rate_are_a_medium_alert()
        => SlowOperationRule.Evaluate(new WindowTotals { Count = 20, SlowWarning = 5 }, _options).Should().Be(AlertLevel.Medium);

    [Theory]
    [InlineData(20, 4)]    // too few slow calls
    [InlineData(1000, 50)] // many, but only 5 % of a busy operation's calls
    [InlineData(10, 0)]
    public void Occasional_warning_slow_calls_raise_nothing(long count, long slow)
        => SlowOperationRule.Evaluate(new WindowTotals { Count = count, SlowWarning = slow }, _options).Should().BeNull();

    [Fact]
    public void The_signal_names_the_rule_the_operation_and_what_was_seen()
    {
        var signal = SlowOperationRule.Signal("source.tushare.daily_basic", AlertLevel.High,
            new WindowTotals { Count = 40, SlowCritical = 3, MaxMicros = 7_250_000 }, _options);

        signal.Rule.Should().Be(AlertRules.SlowOperation);
        signal.Labels.Should().Equal(new Dictionary<string, string> { ["operation"] = "source.tushare.daily_basic" });
        signal.MessageIn(System.Globalization.CultureInfo.GetCultureInfo("en")).Should().Contain("3 of 40").And.Contain("5000 ms").And.Contain("max 7250 ms");
    }
}
