using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Changes;

namespace SyncMonitor.UnitTests.Sync.Changes;

public sealed class ChangeSetCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, double> Bands = new SyncGuardOptions().Bands;

    internal static StockBasic Stock(string code, string name = "平安银行", double totalMv = 2000, string industry = "银行") => new()
    {
        Code = code,
        Symbol = code,
        Name = name,
        FullSymbol = StockCode.Parse(code).FullSymbol,
        Market = StockCode.Parse(code).Board,
        Industry = industry,
        Area = "深圳",
        ListDate = "19910403",
        Source = "csv",
        UpdatedAt = T0,
        Close = 11.5,
        TotalMv = totalMv,
        CircMv = totalMv,
    };

    private static ChangeSet Compute(IReadOnlyList<StockBasic> stored, IReadOnlyList<StockBasic> incoming, MissingMark? mark = null)
        => ChangeSetCalculator.Compute("csv", stored, incoming, Bands, _ => mark ?? new MissingMark("t-prev", true));

    [Fact]
    public void Listed_missing_renamed_reclassified_and_shifted_are_found_with_before_and_after()
    {
        var stored = new[] { Stock("000001"), Stock("000002", "万科A"), Stock("600000", "浦发银行"), Stock("600519", "贵州茅台", industry: "白酒") };
        var incoming = new[]
        {
            Stock("000001"),
            Stock("000002", "*ST万科"),
            Stock("600519", "贵州茅台", totalMv: 2000 * 1e8, industry: "食品"),
            Stock("300750", "宁德时代"),
        };

        var set = Compute(stored, incoming);

        set.Entries.Select(e => (e.Code, string.Join('+', e.Kinds))).Should().Equal(
            ("000002", "renamed"), ("300750", "listed"), ("600000", "missing"), ("600519", "reclassified+shifted"));
        set.Entries[0].Fields.Should().Equal(new FieldChange("name", "万科A", "*ST万科", "+*ST"));
        set.Entries[2].Fields.Should().Equal(new FieldChange("last_seen_task_id", "t-prev", null));
        set.Entries[3].Fields.Should().Contain(new FieldChange("industry", "白酒", "食品"))
            .And.Contain(new FieldChange("total_mv", "2000", "200000000000"));
        set.Summary.Should().BeEquivalentTo(new
        {
            StoredBefore = 4L, Delivered = 4L, Listed = 1L, Missing = 1L, Renamed = 1L, StarStAdded = 1L, StAdded = 0L,
            Reclassified = 1L, Shifted = 1L,
        });
        set.Summary.ShiftedByField.Should().BeEquivalentTo(new Dictionary<string, long> { ["total_mv"] = 1, ["circ_mv"] = 1 });
        (set.Comparable, set.Common).Should().Be((4, 3));
    }

    [Fact]
    public void A_code_already_missing_in_an_earlier_run_is_not_reported_again_and_leaves_the_list_ratio()
    {
        var set = Compute([Stock("000001"), Stock("600000")], [Stock("000001")], new MissingMark("t-old", Newly: false));

        set.Entries.Should().BeEmpty();
        set.Summary.Missing.Should().Be(0);
        set.Comparable.Should().Be(1);
    }

    [Theory]
    [InlineData(100, 140, 1.5, false)]
    [InlineData(100, 151, 1.5, true)]
    [InlineData(100, 66, 1.5, true)]
    [InlineData(-5, 5, 3, true)]
    [InlineData(0, 5, 1.5, false)]
    [InlineData(100, 1e10, 1.5, true)]
    public void A_value_is_beyond_its_band_when_it_grows_or_shrinks_by_more_than_the_factor_or_changes_sign(double before, double after, double factor, bool beyond)
        => ChangeSetCalculator.BeyondBand(before, after, factor).Should().Be(beyond);

    [Theory]
    [InlineData("万科A", "ST万科", "+ST")]
    [InlineData("万科A", "*ST万科", "+*ST")]
    [InlineData("ST万科", "*ST万科", "ST→*ST")]
    [InlineData("*ST万科", "万科A", "-*ST")]
    [InlineData("S*ST前锋", "前锋股份", "-*ST")]
    [InlineData("万科A", "万科B", null)]
    public void Risk_mark_transitions_are_named(string before, string after, string? transition)
        => RiskMark.Transition(before, after).Should().Be(transition);

    [Fact]
    public void The_summary_reads_as_one_line()
        => ChangeSummaryText.Describe(new ChangeSummary { Listed = 3, Missing = 1, Renamed = 5, StarStAdded = 2 })
            .Should().Be("新上市 3，疑似退市 1，更名 5（新增 *ST 2）");
}
