using SyncMonitor.Api.Modules.Consistency.CrossSource;
using static SyncMonitor.UnitTests.Consistency.Rows;

namespace SyncMonitor.UnitTests.Consistency;

public sealed class ConsistencyCheckerTests
{
    [Theory]
    [InlineData("pe", 100, 95)] // 5 / 100 = 0.05 exactly in binary floating point
    [InlineData("pb", 100, 95)]
    [InlineData("total_mv", 100, 98)] // 0.02
    [InlineData("close", 100, 99)] // 0.01
    [InlineData("volume", 100, 90)] // 0.10
    [InlineData("turnover_rate", 100, 95)]
    public void A_difference_exactly_at_the_tolerance_is_consistent(string metric, double primary, double secondary)
    {
        var result = ConsistencyChecker.CompareStock(WithMetric(metric, primary), WithMetric(metric, secondary));

        var difference = result.Differences[metric];
        difference.RelativeDifference.Should().Be(difference.Tolerance, "the test values are exact in binary floating point");
        difference.WithinTolerance.Should().BeTrue();
        result.IsConsistent.Should().BeTrue();
        result.Confidence.Should().Be(1);
        result.RecommendedAction.Should().Be(RecommendedActions.UseEither);
    }

    [Theory]
    [InlineData("pe", 100, 94.99)]
    [InlineData("pb", 100, 94.99)]
    [InlineData("total_mv", 100, 97.99)]
    [InlineData("close", 100, 98.99)]
    [InlineData("volume", 100, 89.99)]
    [InlineData("turnover_rate", 100, 94.99)]
    public void A_difference_just_over_the_tolerance_is_a_mismatch(string metric, double primary, double secondary)
    {
        var result = ConsistencyChecker.CompareStock(WithMetric(metric, primary), WithMetric(metric, secondary));

        var difference = result.Differences[metric];
        difference.RelativeDifference.Should().BeGreaterThan(difference.Tolerance);
        difference.WithinTolerance.Should().BeFalse();
        result.IsConsistent.Should().BeFalse();
        var weight = ComparedMetrics.All.Single(m => m.Name == metric).WeightPercent;
        result.Confidence.Should().Be((100 - weight) / 100.0);
    }

    [Fact]
    public void The_relative_difference_is_taken_against_the_larger_magnitude_and_two_zeros_are_equal()
    {
        ComparedMetrics.RelativeDifference(80, 100).Should().Be(0.2);
        ComparedMetrics.RelativeDifference(100, 80).Should().Be(0.2);
        ComparedMetrics.RelativeDifference(-10, 10).Should().Be(2);
        ComparedMetrics.RelativeDifference(0, 0).Should().Be(0);
        ComparedMetrics.RelativeDifference(0, 5).Should().Be(1);

        var zeros = ConsistencyChecker.CompareStock(Stock("000001", turnoverRate: 0), Stock("000001", "b", turnoverRate: 0));
        zeros.Differences["turnover_rate"].Should().Be(new MetricDifference(0, 0, 0, 0.05, true));
    }

    [Fact]
    public void A_metric_missing_on_either_side_drops_out_of_the_weights()
    {
        // pe missing on the primary, pb NaN on the secondary; total_mv (weight 20) is off.
        var primary = Stock("600000", pe: null, totalMv: 100);
        var secondary = Stock("600000", "b", pb: double.NaN, totalMv: 50);

        var result = ConsistencyChecker.CompareStock(primary, secondary);

        result.Differences["pe"].Should().Be(new MetricDifference(null, 20, null, 0.05, null));
        result.Differences["pb"].Should().Be(new MetricDifference(2, null, null, 0.05, null));
        // compared: total_mv 20 (off), close 15, volume 10, turnover 5 → 30 / 50
        result.Confidence.Should().Be(0.6);
        result.IsConsistent.Should().BeFalse();
        result.RecommendedAction.Should().Be(RecommendedActions.UsePrimaryOnly, "0.6 is not above 0.6");
    }

    [Fact]
    public void A_stock_with_no_metric_on_both_sides_is_not_consistent_has_no_confidence_and_is_to_be_investigated()
    {
        var primary = Stock("000002", pe: null, pb: null, totalMv: null, close: null, volume: null, turnoverRate: null);

        var result = ConsistencyChecker.CompareStock(primary, Stock("000002", "b"));

        result.Comparable.Should().BeFalse();
        result.IsConsistent.Should().BeFalse();
        result.Confidence.Should().Be(0);
        result.RecommendedAction.Should().Be(RecommendedActions.InvestigateSources);
        result.Differences.Should().HaveCount(6).And.OnlyContain(d => d.Value.WithinTolerance == null);
    }

    [Theory]
    [InlineData(1.0, "use_either")]
    [InlineData(0.81, "use_either")]
    [InlineData(0.8, "use_primary_with_warning")]
    [InlineData(0.61, "use_primary_with_warning")]
    [InlineData(0.6, "use_primary_only")]
    [InlineData(0.31, "use_primary_only")]
    [InlineData(0.3, "investigate_sources")]
    [InlineData(0.0, "investigate_sources")]
    public void Each_confidence_band_has_its_action(double confidence, string action)
        => RecommendedActions.For(confidence).Should().Be(action);

    [Theory]
    [InlineData(new[] { "total_mv" }, 0.8, "use_primary_with_warning")] // exactly 0.8 with integer weights
    [InlineData(new[] { "close", "volume" }, 0.75, "use_primary_with_warning")]
    [InlineData(new[] { "pe", "pb" }, 0.5, "use_primary_only")]
    [InlineData(new[] { "pe", "pb", "total_mv" }, 0.3, "investigate_sources")]
    [InlineData(new[] { "volume" }, 0.9, "use_either")]
    public void A_stock_s_action_follows_its_weighted_confidence(string[] offMetrics, double confidence, string action)
    {
        var secondary = offMetrics.Aggregate(Stock("300001", "b"), (row, metric) => Set(row, metric, 1e6));

        var result = ConsistencyChecker.CompareStock(Stock("300001"), secondary);

        result.Confidence.Should().Be(confidence);
        result.RecommendedAction.Should().Be(action);
    }

    [Fact]
    public void Codes_present_on_one_side_only_are_reported_in_both_directions_and_not_compared()
    {
        var primary = new[] { Stock("600001"), Stock("000001"), Stock("600002") };
        var secondary = new[] { Stock("000001", "b"), Stock("300001", "b"), Stock("600002", "b") };

        var comparison = ConsistencyChecker.Compare(primary, secondary);

        comparison.Stocks.Select(s => s.Code).Should().Equal("000001", "600002");
        comparison.OnlyInPrimary.Should().Equal("600001");
        comparison.OnlyInSecondary.Should().Equal("300001");
        comparison.Summary.CommonCount.Should().Be(2);
        comparison.Summary.OnlyInPrimaryCount.Should().Be(1);
        comparison.Summary.OnlyInSecondaryCount.Should().Be(1);
        comparison.Summary.Confidence.Should().Be(1, "one-sided codes do not lower the confidence");
    }

    [Fact]
    public void The_overall_result_averages_the_stocks_and_counts_mismatches_per_metric()
    {
        var primary = new[] { Stock("000001"), Stock("000002"), Stock("000003"), Stock("000004", pe: null, pb: null, totalMv: null, close: null, volume: null, turnoverRate: null) };
        var secondary = new[]
        {
            Stock("000001", "b"),
            Stock("000002", "b", pe: 40), // confidence .75
            Stock("000003", "b", pe: 40, close: 20), // .60
            Stock("000004", "b"), // nothing comparable: 0
        };

        var summary = ConsistencyChecker.Compare(primary, secondary).Summary;

        summary.CommonCount.Should().Be(4);
        summary.ConsistentCount.Should().Be(1);
        summary.InconsistentCount.Should().Be(3);
        summary.NotComparableCount.Should().Be(1);
        summary.ConsistentRatio.Should().Be(0.25);
        summary.Confidence.Should().BeApproximately((1 + 0.75 + 0.6 + 0) / 4, 1e-12);
        summary.RecommendedAction.Should().Be(RecommendedActions.UsePrimaryOnly);
        summary.IsConsistent.Should().BeFalse();
        summary.MismatchesByMetric.Should().Equal(new Dictionary<string, int>
        {
            ["pe"] = 2, ["pb"] = 0, ["total_mv"] = 0, ["close"] = 1, ["volume"] = 0, ["turnover_rate"] = 0,
        });
        summary.ComparedByMetric.Values.Should().AllBeEquivalentTo(3);
    }

    [Fact]
    public void With_no_common_stock_the_overall_confidence_is_zero_and_the_sources_are_to_be_investigated()
    {
        var summary = ConsistencyChecker.Compare([Stock("000001")], [Stock("000002", "b")]).Summary;

        summary.Should().Match<ConsistencySummary>(s => s.CommonCount == 0 && s.Confidence == 0 && !s.IsConsistent
            && s.RecommendedAction == RecommendedActions.InvestigateSources && s.ConsistentRatio == 0);
    }

    [Fact]
    public void A_fully_consistent_pair_is_consistent_overall()
    {
        var summary = ConsistencyChecker.Compare([Stock("000001"), Stock("600000")], [Stock("600000", "b"), Stock("000001", "b")]).Summary;

        summary.Should().Match<ConsistencySummary>(s => s.IsConsistent && s.Confidence == 1 && s.ConsistentRatio == 1
            && s.RecommendedAction == RecommendedActions.UseEither);
    }

    private static Api.Common.MarketData.StockBasic WithMetric(string metric, double value) => Set(Stock("000001"), metric, value);

    private static Api.Common.MarketData.StockBasic Set(Api.Common.MarketData.StockBasic row, string metric, double value) => metric switch
    {
        "pe" => row with { Pe = value },
        "pb" => row with { Pb = value },
        "total_mv" => row with { TotalMv = value },
        "close" => row with { Close = value },
        "volume" => row with { Volume = value },
        "turnover_rate" => row with { TurnoverRate = value },
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
