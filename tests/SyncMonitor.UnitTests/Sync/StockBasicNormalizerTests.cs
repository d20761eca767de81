using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Runs;

namespace SyncMonitor.UnitTests.Sync;

public sealed class StockBasicNormalizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static StockBasic Row(string code, string fullSymbol, string name = "平安银行", double? totalMv = 2235.5) => new()
    {
        Code = code, Symbol = code, Name = name, FullSymbol = fullSymbol, Source = string.Empty, TotalMv = totalMv,
    };

    [Theory]
    [InlineData("000001", "000001.SZ")]
    [InlineData("sz.000001", "sz.000001")]
    [InlineData("SZ000001", "SZ000001")]
    [InlineData("sz000001", "")]
    [InlineData("000001.SZ", "000001.SZ")]
    public void Every_code_form_becomes_code_symbol_full_symbol_market_and_exchange(string code, string fullSymbol)
    {
        var rows = StockBasicNormalizer.Normalize([Row(code, fullSymbol)], "tushare", Now, out var rejected);

        rejected.Should().BeEmpty();
        rows.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Code = "000001", Symbol = "000001", FullSymbol = "000001.SZ", Market = "主板", Sse = "深圳证券交易所", Source = "tushare", UpdatedAt = Now,
        });
    }

    [Fact]
    public void Bad_codes_missing_names_and_repeated_codes_are_rejected_per_row()
    {
        var rows = StockBasicNormalizer.Normalize(
            [Row("12345", "12345"), Row("600000", "600000.SH", name: " "), Row("688981", "688981.SH"), Row("688981", "688981.SH")],
            "demo", Now, out var rejected);

        rows.Select(r => r.Code).Should().Equal("688981");
        rows[0].Market.Should().Be("科创板");
        rejected.Select(e => e.Reason).Should().Equal("not an A-share code", "name is missing", "listed twice by the source");
    }

    [Fact]
    public void Non_finite_numbers_are_stored_as_no_value()
        => StockBasicNormalizer.Normalize([Row("300750", "300750.SZ", totalMv: double.NaN)], "akshare", Now, out _)
            .Single().TotalMv.Should().BeNull();
}
