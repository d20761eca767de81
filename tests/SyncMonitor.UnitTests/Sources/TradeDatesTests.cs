using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.UnitTests.Sources;

public sealed class TradeDatesTests
{
    [Theory]
    [InlineData("20241115")]
    [InlineData("2024-11-15")]
    [InlineData("2024/11/15")]
    [InlineData("2024-11-15T00:00:00.000")]
    [InlineData(" 2024-11-15 00:00:00 ")]
    public void Every_source_date_form_parses(string text)
    {
        TradeDates.TryParse(text, out var date).Should().BeTrue();
        TradeDates.Format(date).Should().Be("20241115");
    }

    [Theory]
    [InlineData("20241345")]
    [InlineData("2024-1-5")]
    [InlineData("")]
    [InlineData(null)]
    public void Non_dates_do_not_parse(string? text) => TradeDates.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Today_is_the_date_in_shanghai()
        => TradeDates.Today(new FakeTimeProvider(new DateTimeOffset(2024, 11, 14, 17, 0, 0, TimeSpan.Zero))).Should().Be(new DateOnly(2024, 11, 15));

    [Fact]
    public void A_malformed_argument_is_a_programming_error()
    {
        var act = () => TradeDates.ParseArgument("2024-11-15", "tradeDate");

        act.Should().Throw<ArgumentException>().WithParameterName("tradeDate");
    }
}
