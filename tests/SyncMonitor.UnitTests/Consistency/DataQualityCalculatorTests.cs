using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency.Quality;
using static SyncMonitor.UnitTests.Consistency.Rows;

namespace SyncMonitor.UnitTests.Consistency;

public sealed class DataQualityCalculatorTests
{
    // Open days up to the last trade date 20250305 (a Wednesday).
    private static readonly string[] OpenDays = ["20250227", "20250228", "20250303", "20250304", "20250305"];

    private static DataQualityReport Compute(IReadOnlyDictionary<string, IReadOnlyList<StockBasic>> rows, IReadOnlyList<string>? openDays = null, DateTimeOffset? now = null)
        => DataQualityCalculator.Compute(new QualityInput(rows, new HashSet<string> { "demo" }, now ?? Now, openDays ?? OpenDays, 36, 1));

    [Fact]
    public void Clean_fresh_rows_score_one_in_every_dimension_and_are_good()
    {
        var report = Compute(new Dictionary<string, IReadOnlyList<StockBasic>>
        {
            ["demo"] = [Stock("000001", "demo"), Stock("600000", "demo")],
        });

        var source = report.Sources.Should().ContainSingle().Subject;
        source.Should().Match<SourceQuality>(s => s.Source == "demo" && s.Synthetic && s.Rows == 2 && s.Status == "good");
        source.Score.Should().Be(1, "perfect data scores exactly 1");
        source.Completeness.Score.Should().Be(1);
        source.Validity.Score.Should().Be(1);
        source.Duplicates.Score.Should().Be(1);
        source.Freshness.Should().Match<FreshnessResult>(f => f.Score == 1 && f.UpdatedFresh && f.TradeDaysBehind == 0
            && f.TradeDateFresh == true && f.NewestTradeDate == "20250305" && f.AgeHours == 0);
        report.LastTradeDate.Should().Be("20250305");
        report.Overall.Should().Match<OverallQuality>(o => o.Rows == 2 && o.SourceCount == 1 && o.Status == "good");
    }

    [Fact]
    public void Completeness_counts_rows_with_every_required_field_and_what_each_field_misses()
    {
        var result = DataQualityCalculator.Completeness(
        [
            Stock("000001"),
            Stock("000002", pe: null),
            Stock("000003", pe: null, totalMv: null) with { ListDate = " " },
            Stock("000004", pb: double.NaN),
        ]);

        result.CompleteRows.Should().Be(1);
        result.Score.Should().Be(0.25);
        result.MissingByField["pe"].Should().Be(2);
        result.MissingByField["total_mv"].Should().Be(1);
        result.MissingByField["circ_mv"].Should().Be(1, "the helper derives circ_mv from total_mv");
        result.MissingByField["list_date"].Should().Be(1);
        result.MissingByField["pb"].Should().Be(1, "NaN is no value");
        result.MissingByField.Keys.Should().Contain(["code", "name", "full_symbol", "market", "trade_date", "close"]);
    }

    [Fact]
    public void Validity_counts_each_rule_with_sample_codes_and_a_row_once()
    {
        var result = DataQualityCalculator.Validity(
        [
            Stock("000001"),
            Stock("000002", totalMv: 0) with { CircMv = 0 },
            Stock("000003", totalMv: -5) with { CircMv = 10 }, // two rules, one invalid row
            Stock("000004") with { CircMv = 100.5 },
            Stock("000005", pe: 10_000.5),
            Stock("000006", pe: -1000), // bound is inclusive
            Stock("000007", pb: 0),
            Stock("000008", pb: 1000), // inclusive
            Stock("000009") with { FullSymbol = "000009.SH" },
            Stock("000010") with { Code = "00010" },
            Stock("000011", pe: null, totalMv: null), // missing values are completeness's business
        ]);

        Invalid(result, "total_mv_positive").Should().Be("2: 000002.SZ,000003.SZ");
        Invalid(result, "circ_mv_not_above_total_mv").Should().Be("2: 000003.SZ,000004.SZ");
        Invalid(result, "pe_plausible").Should().Be("1: 000005.SZ");
        Invalid(result, "pb_plausible").Should().Be("1: 000007.SZ");
        Invalid(result, "code_format").Should().Be("2: 000009.SH,000010.SZ");
        result.InvalidRows.Should().Be(7);
        result.Score.Should().BeApproximately(4 / 11.0, 1e-12);
    }

    [Fact]
    public void Only_five_sample_codes_are_kept_per_rule()
    {
        var result = DataQualityCalculator.Validity(Enumerable.Range(1, 9).Select(i => Stock($"60000{i}", pb: -1)).ToList());

        var rule = result.Rules.Single(r => r.Rule == "pb_plausible");
        rule.Invalid.Should().Be(9);
        rule.SampleCodes.Should().Equal("600001.SH", "600002.SH", "600003.SH", "600004.SH", "600005.SH");
    }

    [Fact]
    public void Freshness_is_halved_for_each_stale_check_and_trade_days_behind_count_open_days()
    {
        var old = new Dictionary<string, IReadOnlyList<StockBasic>>
        {
            ["a"] = [Stock("000001", "a") with { TradeDate = "20250303", UpdatedAt = Now.AddHours(-12) }],
            ["b"] = [Stock("000001", "b") with { TradeDate = "20250304", UpdatedAt = Now.AddHours(-40) }],
            ["c"] = [Stock("000001", "c") with { TradeDate = null, UpdatedAt = Now.AddHours(-1) }],
        };

        var report = Compute(old);
        var a = report.Sources.Single(s => s.Source == "a").Freshness;
        var b = report.Sources.Single(s => s.Source == "b").Freshness;
        var c = report.Sources.Single(s => s.Source == "c").Freshness;

        a.Should().Match<FreshnessResult>(f => f.TradeDaysBehind == 2 && f.TradeDateFresh == false && f.UpdatedFresh && f.Score == 0.5);
        b.Should().Match<FreshnessResult>(f => f.TradeDaysBehind == 1 && f.TradeDateFresh == true && !f.UpdatedFresh && f.Score == 0.5 && f.AgeHours == 40);
        c.Should().Match<FreshnessResult>(f => f.TradeDaysBehind == null && f.TradeDateFresh == null && f.Score == 1,
            "without a trade date only the update time counts");
    }

    [Fact]
    public void Without_a_calendar_trade_date_freshness_is_unknown()
    {
        var report = DataQualityCalculator.Compute(new QualityInput(
            new Dictionary<string, IReadOnlyList<StockBasic>> { ["a"] = [Stock("000001")] }, new HashSet<string>(), Now, null, 36, 1));

        report.LastTradeDate.Should().BeNull();
        report.Sources[0].Freshness.Should().Match<FreshnessResult>(f => f.TradeDaysBehind == null && f.Score == 1);
    }

    [Fact]
    public void Duplicates_count_repeated_codes_within_a_source()
    {
        var result = DataQualityCalculator.Duplicates([Stock("000001"), Stock("000001"), Stock("000001"), Stock("000002")]);

        result.DuplicateRows.Should().Be(2);
        result.SampleCodes.Should().Equal("000001");
        result.Score.Should().Be(0.5);
    }

    [Fact]
    public void Codes_whose_full_symbol_differs_between_sources_are_reported_and_lower_overall_duplicates()
    {
        var report = Compute(new Dictionary<string, IReadOnlyList<StockBasic>>
        {
            ["a"] = [Stock("000001", "a"), Stock("600000", "a")],
            ["b"] = [Stock("000001", "b") with { FullSymbol = "000001.SH" }, Stock("600000", "b")],
        });

        var conflicts = report.Overall.FullSymbolConflicts;
        conflicts.Count.Should().Be(1);
        conflicts.Samples.Should().ContainSingle().Which.FullSymbolBySource.Should()
            .Equal(new Dictionary<string, string> { ["a"] = "000001.SZ", ["b"] = "000001.SH" });
        report.Overall.Duplicates.Should().Be(0.75);
    }

    [Fact]
    public void Overall_dimensions_are_row_weighted_and_the_status_follows_the_score()
    {
        var report = Compute(new Dictionary<string, IReadOnlyList<StockBasic>>
        {
            ["big"] = Enumerable.Range(0, 3).Select(i => Stock($"60000{i}", "big")).ToList(),
            ["bad"] = [Stock("000001", "bad", pe: null, pb: -1) with { UpdatedAt = Now.AddDays(-10), TradeDate = "20250101" }],
        });

        var bad = report.Sources.Single(s => s.Source == "bad");
        bad.Completeness.Score.Should().Be(0);
        bad.Validity.Score.Should().Be(0);
        bad.Freshness.Score.Should().Be(0);
        bad.Score.Should().BeApproximately(0.1, 1e-12, "only duplicates (weight .1) are fine");
        bad.Status.Should().Be("poor");
        report.Overall.Completeness.Should().Be(0.75);
        report.Overall.Score.Should().BeApproximately(0.775, 1e-12);
        report.Overall.Status.Should().Be("warning");
    }

    [Theory]
    [InlineData(0.9, "good")]
    [InlineData(0.8999, "warning")]
    [InlineData(0.7, "warning")]
    [InlineData(0.6999, "poor")]
    public void Status_thresholds(double score, string status) => QualityStatus.Of(score).Should().Be(status);

    [Fact]
    public void An_empty_store_has_no_data()
    {
        var report = Compute(new Dictionary<string, IReadOnlyList<StockBasic>>(), []);

        report.Sources.Should().BeEmpty();
        report.Overall.Should().Match<OverallQuality>(o => o.Rows == 0 && o.Score == null && o.Status == "no_data");
        DataQualityMetrics.Observe(report).Should().BeEmpty();
        DataQualityMetrics.Observe(null).Should().BeEmpty();
    }

    [Fact]
    public void The_gauge_reports_every_dimension_per_source_and_for_all()
    {
        var report = Compute(new Dictionary<string, IReadOnlyList<StockBasic>> { ["demo"] = [Stock("000001", "demo")] });

        var measurements = DataQualityMetrics.Observe(report).ToList();

        measurements.Should().HaveCount(10);
        measurements.Select(m => (Tag(m, "source"), Tag(m, "dimension"))).Should().Contain(("demo", "validity")).And.Contain(("all", "overall"));
        measurements.Should().OnlyContain(m => m.Value >= 0 && m.Value <= 1);
    }

    private static string Tag(System.Diagnostics.Metrics.Measurement<double> m, string key)
        => (string)m.Tags.ToArray().Single(t => t.Key == key).Value!;

    private static string Invalid(ValidityResult result, string rule)
    {
        var r = result.Rules.Single(x => x.Rule == rule);
        return $"{r.Invalid}: {string.Join(",", r.SampleCodes)}";
    }
}
