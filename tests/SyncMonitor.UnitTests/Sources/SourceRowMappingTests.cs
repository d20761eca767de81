using System.Text.Json;
using SyncMonitor.Api.Modules.Sync.Sources.AkShare;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.Api.Modules.Sync.Sources.Tushare;

namespace SyncMonitor.UnitTests.Sources;

/// <summary>Each source's rows become the same normalized records: code forms, units (亿元, 万股), dates.</summary>
public sealed class SourceRowMappingTests
{
    private static readonly DateTimeOffset Now = new(2024, 11, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tushare_market_values_in_wan_yuan_become_yi_yuan_and_shares_stay_in_wan_gu()
    {
        var table = Tushare(["ts_code", "trade_date", "total_mv", "circ_mv", "total_share", "pe"],
            """[["000001.SZ", "20241115", 22355617.7641, "22355251.2", 1940591.8198, null]]""");

        var row = TushareRows.ToDailyBasics(table, Now).Single();

        row.Should().BeEquivalentTo(new { Code = "000001", TradeDate = "20241115", TotalShare = 1940591.8198, Pe = (double?)null, Source = "tushare" });
        row.TotalMv.Should().BeApproximately(2235.56177641, 1e-9);
        row.CircMv.Should().BeApproximately(2235.52512, 1e-9, "a number sent as a string still converts");
    }

    [Fact]
    public void Tushare_rows_with_a_code_that_is_not_an_a_share_are_skipped()
    {
        var table = Tushare(["ts_code", "name"], """[["000001.SZ", "平安银行"], ["HK00700", "腾讯控股"], [null, "?"]]""");

        TushareRows.ToStockBasics(table, Now).Select(s => s.FullSymbol).Should().Equal("000001.SZ");
    }

    [Fact]
    public void Akshare_values_in_yuan_and_lots_become_yi_yuan_shares_and_wan_gu()
    {
        using var document = JsonDocument.Parse("""
            {"代码": "600000", "名称": "浦发银行", "最新价": 9.87, "成交量": 914918.0, "总市值": 289705878400.0,
             "流通市值": 289705878400.0, "市盈率-动态": "NaN", "市净率": 0.43, "换手率": 0.31, "量比": 0.78}
            """);

        var row = AkShareRows.ToDailyBasic(document.RootElement, Layout(document.RootElement), "20241115", Now)!;

        row.Code.Should().Be("600000");
        row.TotalMv.Should().BeApproximately(2897.058784, 1e-9);
        row.Volume.Should().Be(91491800);
        row.TotalShare.Should().BeApproximately(2935216.6, 0.01, "289705878400 元 ÷ 9.87 元 = 29352166000 股 = 2935216.6 万股");
        row.Pe.Should().BeNull("NaN is no value");
        row.Pb.Should().Be(0.43);
    }

    [Fact]
    public void Akshare_without_a_price_has_no_derived_shares()
    {
        using var document = JsonDocument.Parse("""{"代码": "000004", "名称": "国华网安", "最新价": null, "总市值": 1.0e9}""");

        AkShareRows.ToDailyBasic(document.RootElement, Layout(document.RootElement), "20241115", Now)!.TotalShare.Should().BeNull();
    }

    [Fact]
    public void Akshare_calendar_dates_arrive_as_iso_timestamps_plain_dates_or_epoch_milliseconds()
    {
        using var document = JsonDocument.Parse("""
            [{"trade_date": "2024-11-14T00:00:00.000"}, {"trade_date": "2024-11-15"}, {"trade_date": 1731888000000}]
            """);

        AkShareRows.ToTradeDates(document.RootElement.EnumerateArray()).Should().Equal(
            new DateOnly(2024, 11, 14), new DateOnly(2024, 11, 15), new DateOnly(2024, 11, 18));
    }

    [Fact]
    public void Baostock_codes_like_sz_dot_000001_and_dashed_ipo_dates_are_normalized()
    {
        var table = new BaoStockTable(["code", "code_name", "ipoDate", "outDate", "type", "status"],
        [
            ["sz.000001", "平安银行", "1991-04-03", "", "1", "1"],
            ["sh.000001", "上证综合指数", "1991-07-15", "", "2", "1"],
            ["sh.600087", "退市长油", "1997-06-12", "2014-06-05", "1", "0"],
        ]);

        var stocks = BaoStockRows.ToStockBasics(table, Now);

        stocks.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Code = "000001", FullSymbol = "000001.SZ", Name = "平安银行", ListDate = "19910403", Market = "主板", Source = "baostock",
        });
    }

    [Fact]
    public void Baostock_trade_days_become_yyyymmdd_with_is_open()
    {
        var table = new BaoStockTable(["calendar_date", "is_trading_day"], [["2024-11-15", "1"], ["2024-11-16", "0"]]);

        BaoStockRows.ToTradeDays(table).Select(d => (d.CalDate, d.IsOpen)).Should().Equal(("20241115", true), ("20241116", false));
    }

    private static SpotLayout Layout(JsonElement record) => SpotLayout.Of([record], "stock_zh_a_spot_em");

    private static TushareTable Tushare(string[] fields, string items)
        => new(fields, JsonSerializer.Deserialize<JsonElement[][]>(items)!);
}
