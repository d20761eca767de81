using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.UnitTests.Stocks;

public sealed class StockListQueryTests
{
    [Theory]
    [InlineData(null, "Code", false)]
    [InlineData("total_mv", "TotalMv", false)]
    [InlineData("-total_mv", "TotalMv", true)]
    [InlineData("total_mv:desc", "TotalMv", true)]
    [InlineData("CIRC_MV:ASC", "CircMv", false)]
    [InlineData(" -pe ", "Pe", true)]
    [InlineData("pb:asc", "Pb", false)]
    [InlineData("-code", "Code", true)]
    public void Sort_accepts_a_leading_minus_or_a_direction_suffix(string? text, string field, bool descending)
    {
        StockSort.TryParse(text, out var sort).Should().BeTrue();
        sort.Should().Be(new StockSort(Enum.Parse<StockSortField>(field), descending));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("--pe")]
    [InlineData("pe:down")]
    [InlineData("-pe:desc")]
    [InlineData(":desc")]
    public void Sort_rejects_unknown_fields_and_directions(string text)
        => StockSort.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Sort_has_one_spelling_per_order_for_cache_keys()
    {
        StockSort.TryParse("total_mv:desc", out var a);
        StockSort.TryParse("-total_mv", out var b);

        a!.ToString().Should().Be("-total_mv").And.Be(b!.ToString());
    }

    [Fact]
    public void Defaults_are_page_1_of_20_by_code_without_filters()
    {
        var query = StockListQuery.Parse(null, null, null, null, "  ", null, null);

        query.Should().Be(new StockListQuery(1, 20, null, null, null, null, StockSort.Default));
        query.Offset.Should().Be(0);
    }

    [Fact]
    public void Boards_have_ascii_aliases_and_sources_are_normalized()
    {
        var query = StockListQuery.Parse(3, 50, "star", " 银行 ", " 平安 ", "DEMO_ALT", "-pe");

        query.Market.Should().Be("科创板");
        query.Industry.Should().Be("银行");
        query.Keyword.Should().Be("平安");
        query.Source.Should().Be("demo_alt");
        query.Offset.Should().Be(100);
    }

    [Fact]
    public void Every_bad_parameter_is_reported_at_once()
    {
        var parse = () => StockListQuery.Parse(0, 500, "nasdaq", null, new string('x', 51), "yahoo", "name");

        parse.Should().Throw<ValidationException>().Which.Errors.Keys
            .Should().BeEquivalentTo("page", "page_size", "market", "source", "sort", "keyword");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(200, true)]
    [InlineData(0, false)]
    [InlineData(201, false)]
    public void Page_size_is_between_1_and_200(int size, bool valid)
    {
        var parse = () => StockListQuery.Parse(1, size, null, null, null, null, null);

        if (valid)
        {
            parse.Should().NotThrow();
        }
        else
        {
            parse.Should().Throw<ValidationException>().Which.Field.Should().Be("page_size");
        }
    }
}
