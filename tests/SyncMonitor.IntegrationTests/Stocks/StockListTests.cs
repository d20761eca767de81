using System.Net;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary><c>GET /api/stocks</c> over both demo variants: best source per code, filters, sorts and paging.</summary>
[Collection(DemoStocksCollection.Name)]
public sealed class StockListTests(DemoStocksFixture demo)
{
    private HttpClient Client => demo.Viewer;

    [Fact]
    public async Task Each_code_appears_once_from_its_best_source_and_demo_rows_are_labelled_synthetic()
    {
        var demoTotal = (await Client.ListAsync("?source=demo")).GetProperty("total").GetInt64();
        var page = await Client.ListAsync("?page_size=200");

        page.GetProperty("total").GetInt64().Should().Be(demoTotal + DemoDiscrepancies.AltOnlyCodes.Count, "the union of both sources' codes");
        page.Codes().Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        page.Items().Should().AllSatisfy(item =>
        {
            item.GetProperty("source").GetString().Should().Be("demo", "demo ranks before demo_alt");
            item.GetProperty("synthetic").GetBoolean().Should().BeTrue();
            item.GetProperty("updated_at").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UnixEpoch);
        });
        var altOnly = await Client.ListAsync("?keyword=" + DemoDiscrepancies.AltOnlyCodes[1]);
        altOnly.Items().Should().ContainSingle().Which.GetProperty("source").GetString().Should().Be("demo_alt", "only demo_alt has it");
    }

    [Fact]
    public async Task A_source_filter_lists_only_that_sources_rows()
    {
        var demoTotal = (await Client.ListAsync("?source=demo")).GetProperty("total").GetInt64();
        var alt = await Client.ListAsync("?source=DEMO_ALT&page_size=100");

        alt.GetProperty("total").GetInt64().Should().Be(demoTotal - DemoDiscrepancies.MissingFromAlt.Count + DemoDiscrepancies.AltOnlyCodes.Count);
        alt.Items().Should().HaveCount(100).And.AllSatisfy(i => i.GetProperty("source").GetString().Should().Be("demo_alt"));
    }

    [Fact]
    public async Task Sorting_by_total_mv_descending_accepts_both_spellings_and_orders_ties_by_code()
    {
        var dash = await Client.ListAsync("?sort=-total_mv&page_size=50");
        var suffix = await Client.ListAsync("?sort=total_mv:desc&page_size=50");

        dash.Codes().Should().Equal(suffix.Codes());
        dash.Items().Select(i => i.Number("total_mv")).Should().BeInDescendingOrder();
        var top = (await Client.ListAsync("?source=demo&sort=-total_mv&page_size=200")).Items().Select(i => i.Number("total_mv")!.Value).ToList();
        dash.Items()[0].Number("total_mv").Should().BeGreaterThanOrEqualTo(top[0], "the best-source list covers every demo row");
    }

    [Theory]
    [InlineData("pe")]
    [InlineData("pb")]
    [InlineData("circ_mv")]
    [InlineData("total_mv:asc")]
    public async Task Ascending_sorts_order_values_upward(string sort)
    {
        var field = sort.Split(':')[0];
        var page = await Client.ListAsync($"?sort={sort}&page_size=100");

        page.Items().Select(i => i.Number(field)).Should().BeInAscendingOrder();
        var descending = await Client.ListAsync($"?sort=-{field}&page_size=1");
        page.Items()[0].Number(field).Should().BeLessThan(descending.Items()[0].Number(field)!.Value);
    }

    [Fact]
    public async Task Code_can_be_sorted_descending()
    {
        var page = await Client.ListAsync("?sort=-code&page_size=20");

        page.Codes().Should().BeInDescendingOrder(StringComparer.Ordinal);
        page.Codes()[0].Should().StartWith("920", "the BJ 920 block is the highest code range");
    }

    [Fact]
    public async Task Paging_reaches_the_last_partial_page_and_answers_an_empty_page_beyond_the_end()
    {
        var first = await Client.ListAsync("?page_size=200&sort=-total_mv");
        var total = first.GetProperty("total").GetInt64();
        var lastPage = (int)((total + 199) / 200);

        var last = await Client.ListAsync($"?page={lastPage}&page_size=200&sort=-total_mv");
        var beyond = await Client.ListAsync($"?page={lastPage + 1}&page_size=200&sort=-total_mv");
        var second = await Client.ListAsync("?page=2&page_size=200&sort=-total_mv");

        last.Items().Should().HaveCount((int)(total - ((lastPage - 1) * 200L)));
        last.GetProperty("page").GetInt32().Should().Be(lastPage);
        beyond.Items().Should().BeEmpty();
        beyond.GetProperty("total").GetInt64().Should().Be(total);
        beyond.GetProperty("page_size").GetInt32().Should().Be(200);
        first.Codes().Intersect(second.Codes()).Should().BeEmpty("pages do not overlap");
        first.Items()[^1].Number("total_mv").Should().BeGreaterThanOrEqualTo(second.Items()[0].Number("total_mv")!.Value);
    }

    [Fact]
    public async Task The_market_filter_takes_the_board_name_or_its_ascii_alias()
    {
        var chinese = await Client.ListAsync("?market=" + Uri.EscapeDataString("创业板") + "&page_size=200");
        var alias = await Client.ListAsync("?market=chinext&page_size=200");

        chinese.GetProperty("total").GetInt64().Should().BeGreaterThan(0).And.Be(alias.GetProperty("total").GetInt64());
        chinese.Items().Should().AllSatisfy(i => i.GetProperty("market").GetString().Should().Be("创业板"));
        chinese.Codes().Should().AllSatisfy(c => c.Should().StartWith("30"));
    }

    [Fact]
    public async Task The_industry_filter_keeps_only_that_industry()
    {
        var industry = (await Client.ListAsync("?page_size=1")).Items()[0].GetProperty("industry").GetString()!;
        var page = await Client.ListAsync("?industry=" + Uri.EscapeDataString(industry) + "&page_size=200");

        page.GetProperty("total").GetInt64().Should().BeInRange(1, 1000);
        page.Items().Should().AllSatisfy(i => i.GetProperty("industry").GetString().Should().Be(industry));
    }

    [Fact]
    public async Task The_keyword_matches_code_or_name_literally_never_as_a_pattern()
    {
        var sample = (await Client.ListAsync("?page=3&page_size=1")).Items()[0];
        var code = sample.GetProperty("code").GetString()!;
        var name = sample.GetProperty("name").GetString()!;

        (await Client.ListAsync("?keyword=" + code)).Codes().Should().Equal(code);
        var byName = await Client.ListAsync("?keyword=" + Uri.EscapeDataString(name[..2]) + "&page_size=200");
        byName.Codes().Should().Contain(code);
        byName.Items().Should().AllSatisfy(i => i.GetProperty("name").GetString().Should().Contain(name[..2]));
        foreach (var wildcard in new[] { "%", "_", code[..2] + "_" + code[3..], ".*", "[0-9]" })
        {
            (await Client.ListAsync("?keyword=" + Uri.EscapeDataString(wildcard))).GetProperty("total").GetInt64()
                .Should().Be(0, $"'{wildcard}' is matched literally");
        }
    }

    [Theory]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=201", "page_size")]
    [InlineData("?page=0", "page")]
    [InlineData("?sort=name", "sort")]
    [InlineData("?sort=total_mv:up", "sort")]
    [InlineData("?sort=--pe", "sort")]
    [InlineData("?market=nasdaq", "market")]
    [InlineData("?source=yahoo", "source")]
    public async Task Bad_parameters_are_400_problems_naming_the_field(string query, string field)
    {
        var problem = await Client.ProblemAsync(StocksApiPaths.List + query, HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task The_list_needs_an_api_key()
    {
        using var anonymous = demo.Host.CreateClient(apiKey: null);

        (await anonymous.GetAsync(StocksApiPaths.List)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
