using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Consistency.Quality;
using SyncMonitor.IntegrationTests.Consistency.CrossSource;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Consistency.StockRowSeeder;

namespace SyncMonitor.IntegrationTests.Consistency.Quality;

/// <summary><c>GET /api/monitoring/data-quality</c> and its gauges on synced demo data and on seeded bad rows.</summary>
[Collection(DemoPairCollection.Name)]
public sealed class DataQualityTests(DemoPairHost demo)
{
    [Fact]
    public async Task Synced_demo_data_is_complete_valid_fresh_and_good()
    {
        var report = await QualityAsync(demo.Viewer, r => r.GetProperty("sources").GetArrayLength() == 2);

        var primary = Source(report, "demo");
        primary.GetProperty("synthetic").GetBoolean().Should().BeTrue();
        primary.GetProperty("rows").GetInt64().Should().BeGreaterThan(4800);
        primary.GetProperty("completeness").GetProperty("score").GetDouble().Should().Be(1);
        primary.GetProperty("validity").GetProperty("invalid_rows").GetInt64().Should().Be(0);
        primary.GetProperty("duplicates").GetProperty("duplicate_rows").GetInt64().Should().Be(0);
        var freshness = primary.GetProperty("freshness");
        freshness.GetProperty("score").GetDouble().Should().Be(1);
        freshness.GetProperty("trade_days_behind").GetInt32().Should().Be(0);
        freshness.GetProperty("newest_trade_date").GetString().Should().Be(report.GetProperty("last_trade_date").GetString());
        primary.GetProperty("status").GetString().Should().Be("good");
        Source(report, "demo_alt").GetProperty("status").GetString().Should().Be("good");
        report.GetProperty("overall").GetProperty("full_symbol_conflicts").GetProperty("count").GetInt64().Should().Be(0);
        report.GetProperty("overall").GetProperty("status").GetString().Should().Be("good");
    }

    [Fact]
    public async Task The_scores_are_exported_as_prometheus_gauges()
    {
        await QualityAsync(demo.Viewer, r => r.GetProperty("sources").GetArrayLength() == 2);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string metrics;
        do
        {
            metrics = await demo.Viewer.GetStringAsync("/metrics");
        }
        while (!metrics.Contains("dimension=\"validity\",source=\"demo_alt\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        metrics.Should().Contain("# TYPE syncmonitor_data_quality_score gauge");
        metrics.Should().Contain("syncmonitor_data_quality_score{dimension=\"completeness\",source=\"demo\"} 1");
        metrics.Should().Contain("syncmonitor_data_quality_score{dimension=\"overall\",source=\"all\"}");
    }

    [Fact]
    public async Task Bad_rows_are_counted_per_rule_with_sample_codes()
    {
        using var host = new SyncMonitorFactory().With("Consistency:Quality:RefreshSeconds", "1");
        await host.Services.SeedAsync(
        [
            Row("000001", "good"),
            Row("600000", "good"),
            Row("000001", "bad", pe: 20_000),
            Row("000002", "bad", totalMv: -1) with { CircMv = null },
            Row("000004", "bad", pb: 0),
            Row("000005", "bad") with { CircMv = 500 },
            Row("000006", "bad", pe: -2000) with { ListDate = null, Market = null },
            Row("600000", "bad") with { FullSymbol = "600000.SZ" },
            Row("600036", "bad") with { UpdatedAt = At.AddDays(-3), TradeDate = "20200102" },
        ]);

        var report = await QualityAsync(host.CreateClient(TestApiKeys.Viewer), r => r.GetProperty("overall").GetProperty("rows").GetInt64() == 9);

        var bad = Source(report, "bad");
        bad.GetProperty("rows").GetInt64().Should().Be(7);
        var rules = bad.GetProperty("validity").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!);
        Rule(rules, "pe_plausible").Should().Be("2: 000001.SZ,000006.SZ");
        Rule(rules, "total_mv_positive").Should().Be("1: 000002.SZ");
        Rule(rules, "pb_plausible").Should().Be("1: 000004.SZ");
        Rule(rules, "circ_mv_not_above_total_mv").Should().Be("1: 000005.SZ");
        Rule(rules, "code_format").Should().Be("1: 600000.SZ");
        bad.GetProperty("validity").GetProperty("invalid_rows").GetInt64().Should().Be(6);
        var completeness = bad.GetProperty("completeness");
        completeness.GetProperty("complete_rows").GetInt64().Should().Be(5);
        completeness.GetProperty("missing_by_field").GetProperty("list_date").GetInt64().Should().Be(1);
        completeness.GetProperty("missing_by_field").GetProperty("circ_mv").GetInt64().Should().Be(1);
        var freshness = bad.GetProperty("freshness");
        freshness.GetProperty("updated_fresh").GetBoolean().Should().BeTrue("the newest row is fresh");
        freshness.GetProperty("trade_days_behind").GetInt32().Should().Be(0);
        bad.GetProperty("status").GetString().Should().Be("poor");
        Source(report, "good").GetProperty("status").GetString().Should().Be("good");
        var conflicts = report.GetProperty("overall").GetProperty("full_symbol_conflicts");
        conflicts.GetProperty("count").GetInt64().Should().Be(1);
        conflicts.GetProperty("samples")[0].GetProperty("code").GetString().Should().Be("600000");
        conflicts.GetProperty("samples")[0].GetProperty("full_symbol_by_source").GetProperty("bad").GetString().Should().Be("600000.SZ");
    }

    [Fact]
    public async Task An_empty_store_has_no_data_and_anonymous_callers_are_refused()
    {
        using var host = new SyncMonitorFactory();

        var report = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(DataQualityApiPaths.DataQuality);
        var anonymous = await host.CreateClient(apiKey: null).GetAsync(DataQualityApiPaths.DataQuality);

        report.GetProperty("overall").GetProperty("status").GetString().Should().Be("no_data");
        report.GetProperty("overall").GetProperty("score").ValueKind.Should().Be(JsonValueKind.Null);
        report.GetProperty("sources").GetArrayLength().Should().Be(0);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonElement> QualityAsync(HttpClient client, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var report = await client.GetFromJsonAsync<JsonElement>(DataQualityApiPaths.DataQuality);
            if (ready(report))
            {
                return report;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("data quality never showed the expected rows: " + report);
            }

            await Task.Delay(200);
        }
    }

    private static JsonElement Source(JsonElement report, string name)
        => report.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == name);

    private static string Rule(Dictionary<string, JsonElement> rules, string name)
        => $"{rules[name].GetProperty("invalid").GetInt64()}: {string.Join(",", rules[name].GetProperty("sample_codes").EnumerateArray().Select(e => e.GetString()))}";

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
