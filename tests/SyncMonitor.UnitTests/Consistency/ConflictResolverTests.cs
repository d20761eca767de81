using SyncMonitor.Api.Modules.Consistency.CrossSource;
using static SyncMonitor.UnitTests.Consistency.Rows;

namespace SyncMonitor.UnitTests.Consistency;

public sealed class ConflictResolverTests
{
    // pe off, pb missing on the primary, close within tolerance: confidence 50/75 → use_primary_with_warning.
    private static readonly StockConsistency Warned = ConsistencyChecker.CompareStock(
        Stock("000001", pe: 20, pb: null, close: 10), Stock("000001", "b", pe: 30, pb: 3, close: 10.05));

    // pe, pb and total_mv off: confidence .3 → investigate_sources.
    private static readonly StockConsistency Suspicious = ConsistencyChecker.CompareStock(
        Stock("000002"), Stock("000002", "b", pe: 99, pb: 99, totalMv: 999));

    [Fact]
    public void By_default_a_use_action_takes_the_primary_values_and_nothing_changes()
    {
        var resolution = ConflictResolver.Resolve(Warned, ResolveStrategy.Recommended, Now, "u");

        resolution.Applied.Should().Be("primary");
        resolution.Flagged.Should().BeFalse();
        resolution.Chosen["pe"].Should().Be(20);
        resolution.Chosen["close"].Should().Be(10);
        resolution.Chosen["pb"].Should().Be(3, "a metric the primary lacks is taken from the secondary");
        ConflictResolver.ChangeOf(Warned, resolution)!.Metrics.Should().ContainSingle()
            .Which.Should().Be(new ResolvedMetric("pb", null, 3, 3));
    }

    [Fact]
    public void By_default_a_stock_to_investigate_is_flagged_with_no_value_chosen()
    {
        var resolution = ConflictResolver.Resolve(Suspicious, ResolveStrategy.Recommended, Now, "u");

        resolution.Applied.Should().Be("investigate");
        resolution.Flagged.Should().BeTrue();
        resolution.Chosen.Values.Should().AllSatisfy(v => v.Should().BeNull());
        var change = ConflictResolver.ChangeOf(Suspicious, resolution)!;
        change.Flagged.Should().BeTrue();
        change.Metrics.Should().HaveCount(6, "a flagged stock lists every metric");
        change.Metrics.Single(m => m.Metric == "pe").Should().Be(new ResolvedMetric("pe", 20, 99, null));
    }

    [Fact]
    public void The_secondary_strategy_takes_the_secondary_values()
    {
        var resolution = ConflictResolver.Resolve(Warned, ResolveStrategy.Secondary, Now, "u");

        resolution.Applied.Should().Be("secondary");
        resolution.Chosen["pe"].Should().Be(30);
        resolution.Chosen["close"].Should().Be(10.05);
        ConflictResolver.ChangeOf(Warned, resolution)!.Metrics.Select(m => m.Metric).Should().BeEquivalentTo("pe", "pb", "close");
    }

    [Fact]
    public void The_average_strategy_averages_where_both_sides_have_a_value()
    {
        var resolution = ConflictResolver.Resolve(Warned, ResolveStrategy.Average, Now, "u");

        resolution.Chosen["pe"].Should().Be(25);
        resolution.Chosen["pb"].Should().Be(3);
        resolution.Chosen["volume"].Should().Be(1000);
    }

    [Fact]
    public void The_primary_strategy_overrides_even_an_investigate_recommendation()
    {
        var resolution = ConflictResolver.Resolve(Suspicious, ResolveStrategy.Primary, Now, "u");

        resolution.Flagged.Should().BeFalse();
        resolution.Chosen["pe"].Should().Be(20);
        ConflictResolver.ChangeOf(Suspicious, resolution).Should().BeNull("the primary's values stand");
    }

    [Fact]
    public void The_investigate_strategy_flags_every_stock()
    {
        var resolution = ConflictResolver.Resolve(Warned, ResolveStrategy.Investigate, Now, "u");

        resolution.Should().Match<StockResolution>(r => r.Flagged && r.Applied == "investigate" && r.ResolvedBy == "u" && r.ResolvedAt == Now);
        resolution.Chosen.Values.Should().AllSatisfy(v => v.Should().BeNull());
    }

    [Theory]
    [InlineData(null, ResolveStrategy.Recommended)]
    [InlineData("", ResolveStrategy.Recommended)]
    [InlineData("primary", ResolveStrategy.Primary)]
    [InlineData("Secondary", ResolveStrategy.Secondary)]
    [InlineData(" average ", ResolveStrategy.Average)]
    [InlineData("investigate", ResolveStrategy.Investigate)]
    public void Strategy_names_parse(string? text, ResolveStrategy expected)
    {
        ConflictResolver.TryParse(text, out var strategy).Should().BeTrue();
        strategy.Should().Be(expected);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-3")]
    [InlineData("newest")]
    [InlineData("primary,secondary")]
    public void Anything_else_is_not_a_strategy(string text) => ConflictResolver.TryParse(text, out _).Should().BeFalse();
}
