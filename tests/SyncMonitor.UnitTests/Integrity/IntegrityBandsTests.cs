using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.UnitTests.Integrity;

/// <summary>The bands of seed 002 on their exact edges: a rate on an edge belongs to the better band.</summary>
public sealed class IntegrityBandsTests
{
    [Theory]
    [InlineData(100, IntegrityHealth.Healthy)]
    [InlineData(95, IntegrityHealth.Healthy)]
    [InlineData(94.999, IntegrityHealth.Degraded)]
    [InlineData(80, IntegrityHealth.Degraded)]
    [InlineData(79.999, IntegrityHealth.Unhealthy)]
    [InlineData(0, IntegrityHealth.Unhealthy)]
    public void Health_is_healthy_from_95_degraded_from_80_and_unhealthy_below(double rate, IntegrityHealth expected)
        => IntegrityBands.HealthOf(rate).Should().Be(expected);

    [Theory]
    [InlineData(100, IntegrityLevel.None)]
    [InlineData(99.999, IntegrityLevel.Low)]
    [InlineData(95, IntegrityLevel.Low)]
    [InlineData(94.999, IntegrityLevel.Medium)]
    [InlineData(80, IntegrityLevel.Medium)]
    [InlineData(79.999, IntegrityLevel.High)]
    [InlineData(50, IntegrityLevel.High)]
    [InlineData(49.999, IntegrityLevel.Critical)]
    [InlineData(0, IntegrityLevel.Critical)]
    public void The_alert_level_is_low_from_95_medium_from_80_high_from_50_and_critical_below(double rate, IntegrityLevel expected)
        => IntegrityBands.LevelOf(rate).Should().Be(expected);

    [Theory]
    [InlineData(95, false)]
    [InlineData(94.999, true)]
    [InlineData(100, false)]
    public void Only_a_rate_below_95_fires_the_alert(double rate, bool fires) => IntegrityBands.Alerts(rate).Should().Be(fires);

    [Fact]
    public void Rates_are_exact_percentages_so_19_of_20_sits_on_the_95_edge()
    {
        IntegrityBands.Rate(19, 20).Should().Be(95);
        IntegrityBands.Rate(16, 20).Should().Be(80);
        IntegrityBands.Rate(10, 20).Should().Be(50);
        IntegrityBands.Rate(0, 0).Should().Be(100, "nothing that claimed output lacks it");
    }

    [Theory]
    [InlineData(IntegrityLevel.Medium, AlertLevel.Medium)]
    [InlineData(IntegrityLevel.High, AlertLevel.High)]
    [InlineData(IntegrityLevel.Critical, AlertLevel.Critical)]
    [InlineData(IntegrityLevel.Low, AlertLevel.Low)]
    public void Integrity_levels_map_onto_alert_levels(IntegrityLevel level, AlertLevel expected)
        => IntegrityAlerts.LevelOf(level).Should().Be(expected);

    [Theory]
    [InlineData("quick", IntegrityCheckType.Quick)]
    [InlineData(" FULL ", IntegrityCheckType.Full)]
    [InlineData("deep", IntegrityCheckType.Deep)]
    public void Check_types_parse_case_insensitively(string value, IntegrityCheckType expected)
        => IntegrityCheckTypes.Parse(value).Should().Be(expected);

    [Theory]
    [InlineData("hourly")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_check_type_is_a_validation_error_naming_the_accepted_values(string? value)
        => new Action(() => IntegrityCheckTypes.Parse(value)).Should().Throw<ValidationException>()
            .Which.Errors["type"].Single().Should().Be("type must be one of: quick, full, deep.");

    [Fact]
    public void Windows_are_one_hour_one_day_and_two_weeks()
    {
        IntegrityCheckType.Quick.Window().Should().Be(TimeSpan.FromHours(1));
        IntegrityCheckType.Full.Window().Should().Be(TimeSpan.FromHours(24));
        IntegrityCheckType.Deep.Window().Should().Be(TimeSpan.FromDays(14));
    }
}
