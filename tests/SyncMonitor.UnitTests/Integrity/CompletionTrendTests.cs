using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.UnitTests.Integrity;

/// <summary>The deep check's least-squares slope over daily completion rates.</summary>
public sealed class CompletionTrendTests
{
    [Fact]
    public void A_steady_five_point_daily_drop_has_a_slope_of_minus_five()
        => CompletionTrend.Slope([(0, 100), (1, 95), (2, 90), (3, 85)]).Should().BeApproximately(-5, 1e-9);

    [Fact]
    public void The_slope_of_an_irregular_series_is_the_least_squares_fit()
    {
        var slope = CompletionTrend.Slope([(0, 60), (2, 70), (5, 85)]);

        // x̄ = 7/3, ȳ = 215/3; Sxx = (49 + 1 + 64)/9 = 114/9; Sxy = (245 + 5 + 320)/9 = 570/9; slope = 570/114 = 5.
        slope.Should().BeApproximately(5, 1e-9);
    }

    [Fact]
    public void Fewer_than_two_days_or_a_single_day_repeated_have_no_slope()
    {
        CompletionTrend.Slope([]).Should().BeNull();
        CompletionTrend.Slope([(3, 50)]).Should().BeNull();
        CompletionTrend.Slope([(3, 50), (3, 90)]).Should().BeNull();
    }

    [Theory]
    [InlineData(new[] { 80.0, 90.0 }, "improving")]
    [InlineData(new[] { 90.0, 80.0 }, "degrading")]
    [InlineData(new[] { 90.0, 90.4 }, "stable")]
    public void The_direction_reads_the_slope_with_a_half_point_stable_band(double[] rates, string direction)
    {
        var days = rates.Select((rate, i) => new DailyCompletion { Day = $"2026-11-{10 + i:00}", Runs = 1, Complete = 1, CompletionRate = rate }).ToList();

        CompletionTrend.From(days, new DateOnly(2026, 11, 10)).Direction.Should().Be(direction);
    }

    [Fact]
    public void Days_are_placed_by_their_distance_from_the_first_day_of_the_window()
    {
        var days = new[]
        {
            new DailyCompletion { Day = "2026-11-12", Runs = 2, Complete = 2, CompletionRate = 100 },
            new DailyCompletion { Day = "2026-11-16", Runs = 2, Complete = 1, CompletionRate = 50 },
        };

        var trend = CompletionTrend.From(days, new DateOnly(2026, 11, 10));

        trend.SlopePerDay.Should().BeApproximately(-12.5, 1e-9, "50 points lost over 4 days");
        trend.Direction.Should().Be("degrading");
    }
}
