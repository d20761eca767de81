using System.Net;
using System.Text.Json;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary><c>GET /api/stocks/{code}</c> and <c>GET /api/stocks/{code}/daily_basic</c> over both demo variants
/// and a week of daily basics.</summary>
[Collection(DemoStocksCollection.Name)]
public sealed class StockDetailTests(DemoStocksFixture demo)
{
    private HttpClient Client => demo.Viewer;

    /// <summary>A Shenzhen code both variants list.</summary>
    private static string SharedShenzhenCode => DemoUniverse.Listings
        .Select(l => l.Code)
        .First(c => c.Exchange == Api.Common.MarketData.Exchange.SZ && !DemoDiscrepancies.MissingFromAlt.Contains(c.Code)).Code;

    [Fact]
    public async Task Every_code_form_finds_the_same_stock_with_both_sources_side_by_side()
    {
        var code = SharedShenzhenCode;
        var forms = new[] { code, code + ".SZ", "sz." + code, "SZ" + code, "sz" + code };

        var details = new List<JsonElement>();
        foreach (var form in forms)
        {
            details.Add(await Client.DataAsync(StocksApiPaths.ItemFor(form)));
        }

        details.Should().AllSatisfy(d =>
        {
            d.GetProperty("code").GetString().Should().Be(code);
            d.GetProperty("full_symbol").GetString().Should().Be(code + ".SZ");
        });
        var detail = details[0];
        detail.GetProperty("best_source").GetString().Should().Be("demo");
        detail.GetProperty("synthetic").GetBoolean().Should().BeTrue();
        detail.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()).Should().Equal("demo", "demo_alt");
        detail.GetProperty("sources").EnumerateArray().Should().AllSatisfy(s => s.GetProperty("synthetic").GetBoolean().Should().BeTrue());
        detail.GetProperty("consistency").ValueKind.Should().Be(JsonValueKind.Null, "no consistency report covers it");
    }

    [Fact]
    public async Task The_latest_daily_basic_is_the_newest_trade_date_stored()
    {
        var detail = await Client.DataAsync(StocksApiPaths.ItemFor(SharedShenzhenCode));

        var latest = detail.GetProperty("latest_daily_basic");
        latest.GetProperty("trade_date").GetString().Should().Be("20241115");
        latest.GetProperty("source").GetString().Should().Be("demo");
        latest.GetProperty("total_mv").GetDouble().Should().BePositive();
    }

    [Fact]
    public async Task A_code_only_the_second_source_has_is_served_from_it()
    {
        var detail = await Client.DataAsync(StocksApiPaths.ItemFor(DemoDiscrepancies.AltOnlyCodes[0]));

        detail.GetProperty("best_source").GetString().Should().Be("demo_alt");
        detail.GetProperty("sources").GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("601999")]
    [InlineData("sh.601999")]
    public async Task An_unknown_code_is_404(string code)
        => await Client.ProblemAsync(StocksApiPaths.ItemFor(code), HttpStatusCode.NotFound);

    [Theory]
    [InlineData("12345")]
    [InlineData("abc")]
    [InlineData("000001.XX")]
    [InlineData("1000001")]
    [InlineData("700000")]
    public async Task A_malformed_code_is_400(string code)
    {
        var problem = await Client.ProblemAsync(StocksApiPaths.ItemFor(code), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("code", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_daily_series_covers_the_requested_range_oldest_first()
    {
        var code = SharedShenzhenCode;
        var series = await Client.DataAsync(StocksApiPaths.DailyBasicFor(code + ".SZ") + "?start_date=2024-11-12&end_date=2024-11-14");

        series.GetProperty("code").GetString().Should().Be(code);
        series.GetProperty("start_date").GetString().Should().Be("2024-11-12");
        series.GetProperty("end_date").GetString().Should().Be("2024-11-14");
        series.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("trade_date").GetString())
            .Should().Equal("20241112", "20241113", "20241114");
        series.GetProperty("items").EnumerateArray().Should().AllSatisfy(i => i.GetProperty("synthetic").GetBoolean().Should().BeTrue());
    }

    [Fact]
    public async Task Without_dates_the_series_is_the_last_30_days_and_a_known_code_without_rows_is_empty()
    {
        var series = await Client.DataAsync(StocksApiPaths.DailyBasicFor(SharedShenzhenCode));

        var start = DateOnly.Parse(series.GetProperty("start_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(series.GetProperty("end_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        (end.DayNumber - start.DayNumber).Should().Be(29);
        series.GetProperty("items").GetArrayLength().Should().Be(0, "the stored week is in 2024");
    }

    [Theory]
    [InlineData("?start_date=2024-13-01", "start_date")]
    [InlineData("?end_date=15/11/2024", "end_date")]
    [InlineData("?start_date=2024-11-15&end_date=2024-11-11", "start_date")]
    [InlineData("?start_date=2023-01-01&end_date=2024-11-15", "end_date")]
    public async Task Bad_dates_are_400(string query, string field)
    {
        var problem = await Client.ProblemAsync(StocksApiPaths.DailyBasicFor(SharedShenzhenCode) + query, HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_year_is_the_longest_range_and_an_unknown_code_has_no_series()
    {
        await Client.DataAsync(StocksApiPaths.DailyBasicFor(SharedShenzhenCode) + "?start_date=2023-11-15&end_date=2024-11-15");
        await Client.ProblemAsync(StocksApiPaths.DailyBasicFor("601999"), HttpStatusCode.NotFound);
    }
}
