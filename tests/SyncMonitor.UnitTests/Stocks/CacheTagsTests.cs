using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.UnitTests.Stocks;

public sealed class CacheTagsTests
{
    [Fact]
    public void A_stock_basics_change_of_some_sources_removes_those_lists_the_best_source_lists_and_every_detail()
        => CacheTags.ToRemove(new StockDataChange(StockDataChange.StockBasics, ["demo_alt"]))
            .Should().BeEquivalentTo("stocks:list:best", "stocks:list:source:demo_alt", "stocks:detail");

    [Fact]
    public void A_change_naming_codes_removes_only_their_details_and_codes_in_any_form_are_normalized()
        => CacheTags.ToRemove(new StockDataChange(StockDataChange.StockBasics, ["demo"], ["000001.SZ", "sh.600000", "bad"]))
            .Should().BeEquivalentTo("stocks:list:best", "stocks:list:source:demo", "stocks:code:000001", "stocks:code:600000");

    [Fact]
    public void Unknown_sources_remove_every_list()
        => CacheTags.ToRemove(new StockDataChange(StockDataChange.StockBasics)).Should().BeEquivalentTo("stocks:list", "stocks:detail");

    [Fact]
    public void Daily_changes_remove_series_and_details_but_never_lists()
    {
        CacheTags.ToRemove(new StockDataChange(StockDataChange.DailyBasic, ["demo"])).Should().BeEquivalentTo("daily:series", "stocks:detail");
        CacheTags.ToRemove(new StockDataChange(StockDataChange.DailyBasic, null, ["000001"])).Should().BeEquivalentTo("daily:code:000001");
    }

    [Fact]
    public void A_verdict_change_removes_details_only()
        => CacheTags.ToRemove(new StockDataChange(StockDataChange.ConsistencyVerdicts, Codes: ["300750"])).Should().Equal("stocks:code:300750");

    [Fact]
    public void An_unknown_kind_removes_everything()
        => CacheTags.ToRemove(new StockDataChange("something_new")).Should().BeEquivalentTo("stocks:list", "stocks:detail", "daily:series");

    [Fact]
    public void Entries_carry_the_tags_that_the_removals_name()
    {
        CacheTags.ForList(null).Should().Equal("stocks:list", "stocks:list:best");
        CacheTags.ForList("demo").Should().Equal("stocks:list", "stocks:list:source:demo");
        CacheTags.ForDetail("000001").Should().Equal("stocks:detail", "stocks:code:000001", "daily:code:000001");
        CacheTags.ForDailySeries("000001").Should().Equal("daily:series", "daily:code:000001");
        CacheTags.CachesOf("daily:code:000001").Should().BeEquivalentTo(CacheNames.DailyBasic, CacheNames.StockDetail);
        CacheTags.CachesOf("stocks:list:source:demo").Should().Equal(CacheNames.StocksList);
    }

    [Fact]
    public void A_run_changes_the_tables_of_its_data_type_for_the_sources_it_used()
    {
        var basics = Run("stock_basics", "stock_basic_info", ["stock_list:baostock", "daily_data:akshare"]);
        var nightly = Run("nightly", "stock_basic_info+stock_daily_basic", []);
        var unknown = Run("compensation", "something_else", []);

        StockCacheInvalidator.ChangesOf(basics).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new StockDataChange(StockDataChange.StockBasics, ["baostock", "akshare"]));
        StockCacheInvalidator.ChangesOf(nightly).Select(c => (c.Kind, c.Sources)).Should().Equal(
            (StockDataChange.StockBasics, null), (StockDataChange.DailyBasic, null));
        StockCacheInvalidator.ChangesOf(unknown).Select(c => c.Kind).Should().BeEquivalentTo(StockDataChange.StockBasics, StockDataChange.DailyBasic);
    }

    [Theory]
    [InlineData("stocks_list:best|x", CacheNames.StocksList)]
    [InlineData("stock_detail:000001", CacheNames.StockDetail)]
    [InlineData("__MSFT_HCT__stocks:list", null)]
    [InlineData("other:key", null)]
    public void Keys_name_their_cache(string key, string? cache) => CacheNames.Of(key).Should().Be(cache);

    private static SyncStats Run(string job, string dataType, IReadOnlyList<string> used) => new()
    {
        Job = job,
        TaskId = "t",
        TaskType = SyncTaskType.StockBasics,
        DataType = dataType,
        Status = SyncRunStatus.Success,
        DataSourcesUsed = used,
    };
}
