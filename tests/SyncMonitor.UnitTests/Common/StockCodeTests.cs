using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.UnitTests.Common;

public sealed class StockCodeTests
{
    [Theory]
    [InlineData("000001", "000001", "000001.SZ", "主板", "深圳证券交易所")]
    [InlineData("000001.SZ", "000001", "000001.SZ", "主板", "深圳证券交易所")]
    [InlineData("sz.000001", "000001", "000001.SZ", "主板", "深圳证券交易所")]
    [InlineData("SZ000001", "000001", "000001.SZ", "主板", "深圳证券交易所")]
    [InlineData("sz000001", "000001", "000001.SZ", "主板", "深圳证券交易所")]
    [InlineData(" 600519.sh ", "600519", "600519.SH", "主板", "上海证券交易所")]
    [InlineData("688981", "688981", "688981.SH", "科创板", "上海证券交易所")]
    [InlineData("300750", "300750", "300750.SZ", "创业板", "深圳证券交易所")]
    [InlineData("301269", "301269", "301269.SZ", "创业板", "深圳证券交易所")]
    [InlineData("830799", "830799", "830799.BJ", "北交所", "北京证券交易所")]
    [InlineData("430047", "430047", "430047.BJ", "北交所", "北京证券交易所")]
    [InlineData("920002", "920002", "920002.BJ", "北交所", "北京证券交易所")]
    [InlineData("bj.920002", "920002", "920002.BJ", "北交所", "北京证券交易所")]
    [InlineData("900901", "900901", "900901.SH", "主板", "上海证券交易所")]
    [InlineData("200002", "200002", "200002.SZ", "主板", "深圳证券交易所")]
    public void Every_code_form_normalizes(string input, string code, string fullSymbol, string board, string exchangeName)
    {
        var parsed = StockCode.Parse(input);
        parsed.Code.Should().Be(code);
        parsed.FullSymbol.Should().Be(fullSymbol);
        parsed.Board.Should().Be(board);
        parsed.ExchangeName.Should().Be(exchangeName);
    }

    [Fact]
    public void An_explicit_exchange_wins_over_the_prefix_rule()
        => StockCode.Parse("sh.000001").FullSymbol.Should().Be("000001.SH"); // the SSE composite index in baostock

    [Theory]
    [InlineData("")]
    [InlineData("00001")]
    [InlineData("0000012")]
    [InlineData("abcdef")]
    [InlineData("000001.HK")]
    [InlineData("../000001")]
    [InlineData("100001")]
    [InlineData("sz-000001")]
    public void Malformed_codes_are_rejected(string input)
        => StockCode.TryParse(input, out _).Should().BeFalse();

    [Fact]
    public void Unit_conversions_land_in_yi_yuan_and_wan_shares()
    {
        Units.WanYuanToYi(1_234_567.0).Should().BeApproximately(123.4567, 1e-9);
        Units.YuanToYi(2.5e10).Should().BeApproximately(250, 1e-9);
        Units.SharesToWan(1_000_000).Should().Be(100);
        Units.WanYuanToYi(null).Should().BeNull();
        Units.Finite(double.NaN).Should().BeNull();
    }
}
