using SyncMonitor.Api.Modules.Sync.Changes;
using static SyncMonitor.UnitTests.Sync.Changes.ChangeSetCalculatorTests;

namespace SyncMonitor.UnitTests.Sync.Changes;

public sealed class SyncGuardTests
{
    private static readonly SyncGuardOptions Options = new();

    private static IReadOnlyList<Api.Common.MarketData.StockBasic> Universe(int count, Func<int, double>? totalMv = null)
        => Enumerable.Range(0, count).Select(i => Stock((600000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "样本", totalMv?.Invoke(i) ?? 100)).ToList();

    private static GuardVerdict? Evaluate(IReadOnlyList<Api.Common.MarketData.StockBasic> stored, IReadOnlyList<Api.Common.MarketData.StockBasic> incoming)
        => SyncGuard.Evaluate(ChangeSetCalculator.Compute("csv", stored, incoming, Options.Bands, _ => new MissingMark(null, true)), Options);

    [Fact]
    public void A_list_with_40_percent_of_the_stored_codes_is_held_by_the_list_ratio()
    {
        var stored = Universe(100);

        var verdict = Evaluate(stored, stored.Take(40).ToList());

        verdict!.Rule.Should().Be(SyncGuard.MinListRatio);
        verdict.Reason.Should().Contain("40 of 100").And.Contain("0.40 < Sync:Guard:MinListRatio 0.90");
    }

    [Fact]
    public void Market_values_in_yuan_instead_of_yi_yuan_are_held_by_the_shifted_ratio()
    {
        var verdict = Evaluate(Universe(100), Universe(100, _ => 100 * 1e8));

        verdict!.Rule.Should().Be(SyncGuard.MaxShiftedRatio);
        verdict.Reason.Should().Contain("100 of 100").And.Contain("total_mv 100");
    }

    [Fact]
    public void A_field_emptied_for_most_stocks_is_held_by_the_empty_ratio()
    {
        var stored = Universe(100);

        var verdict = Evaluate(stored, stored.Select(s => s with { Industry = null }).ToList());

        verdict!.Rule.Should().Be(SyncGuard.MaxEmptyRatio);
        verdict.Reason.Should().Contain("industry became empty for 100 of 100");
    }

    [Fact]
    public void Ordinary_daily_changes_and_an_empty_store_are_never_held()
    {
        var stored = Universe(100);
        var daily = stored.Skip(5).Select((s, i) => i < 3 ? s with { Name = "ST" + s.Name, TotalMv = s.TotalMv * 1.08 } : s)
            .Append(Stock("300999", "新股")).ToList();

        Evaluate(stored, daily).Should().BeNull("95 % still listed, a few renames and ordinary moves");
        Evaluate([], Universe(10)).Should().BeNull("a first run has nothing to compare with");
    }
}
