using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>The checker on the demo pair, whose differences are known: every injected discrepancy is found and
/// nothing else is flagged.</summary>
[Collection(DemoPairCollection.Name)]
public sealed class DemoPairConsistencyTests(DemoPairHost demo)
{
    [Fact]
    public async Task Every_injected_discrepancy_is_found_and_nothing_else_is_flagged()
    {
        var created = await demo.Operator.CheckedAsync(DemoMarket.Primary, DemoMarket.Alternate);
        var report = await demo.Viewer.ReportAsync(created.Id(), "?only_inconsistent=true&page_size=10000");

        var flagged = report.FlaggedMetrics().ToHashSet();
        var injected = DemoDiscrepancies.InjectedMetricByCode.Select(p => (p.Key, p.Value)).ToHashSet();
        var truePositives = flagged.Intersect(injected).Count();
        var precision = (double)truePositives / flagged.Count;
        var recall = (double)truePositives / injected.Count;

        injected.Should().HaveCountGreaterThan(40);
        precision.Should().Be(1.0, "flagged but not injected: {0}", string.Join(", ", flagged.Except(injected).Take(10)));
        recall.Should().Be(1.0, "injected but not flagged: {0}", string.Join(", ", injected.Except(flagged).Take(10)));
        report.Items().Select(s => s.GetProperty("code").GetString()).Should().BeEquivalentTo(DemoDiscrepancies.InjectedMetricByCode.Keys,
            "a stock is inconsistent exactly when one of its metrics is flagged");
        report.GetProperty("only_in_primary").Strings().Should().BeEquivalentTo(DemoDiscrepancies.MissingFromAlt);
        report.GetProperty("only_in_secondary").Strings().Should().BeEquivalentTo(DemoDiscrepancies.AltOnlyCodes);

        var summary = report.GetProperty("summary");
        summary.GetProperty("inconsistent_count").GetInt32().Should().Be(injected.Count);
        summary.GetProperty("not_comparable_count").GetInt32().Should().Be(0);
        summary.GetProperty("only_in_primary_count").GetInt32().Should().Be(DemoDiscrepancies.MissingFromAlt.Count);
        summary.GetProperty("only_in_secondary_count").GetInt32().Should().Be(DemoDiscrepancies.AltOnlyCodes.Count);
        summary.GetProperty("mismatches_by_metric").EnumerateObject().Sum(m => m.Value.GetInt32()).Should().Be(injected.Count);
        foreach (var metric in ComparedMetrics.Names)
        {
            summary.GetProperty("mismatches_by_metric").GetProperty(metric).GetInt32()
                .Should().Be(injected.Count(i => i.Item2 == metric), metric);
        }

        summary.GetProperty("confidence").GetDouble().Should().BeGreaterThan(0.99);
        summary.GetProperty("recommended_action").GetString().Should().Be(RecommendedActions.UseEither);
        report.GetProperty("synthetic").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task The_check_answers_201_with_the_first_page_of_inconsistent_stocks_and_the_whole_report_round_trips()
    {
        var created = await demo.Operator.CheckedAsync("DEMO", "demo_alt");

        created.GetProperty("primary").GetString().Should().Be("demo", "a registered source is answered with its name");
        created.GetProperty("checked_by").GetString().Should().Be("u-operator");
        created.GetProperty("only_inconsistent").GetBoolean().Should().BeTrue();
        var firstPage = created.GetProperty("stocks");
        firstPage.GetProperty("page_size").GetInt32().Should().Be(100);
        firstPage.GetProperty("total").GetInt32().Should().Be(DemoDiscrepancies.InjectedMetricByCode.Count);

        var all = await demo.Viewer.ReportAsync(created.Id(), "?page_size=10000");
        var common = all.GetProperty("summary").GetProperty("common_count").GetInt32();
        var items = all.Items().ToList();
        items.Should().HaveCount(common).And.HaveCountGreaterThan(4800);
        items.Select(i => i.GetProperty("code").GetString()).Should().BeInAscendingOrder(StringComparer.Ordinal);
        items.Should().OnlyContain(i => i.GetProperty("differences").EnumerateObject().Count() == 6);

        var page2 = await demo.Viewer.ReportAsync(created.Id(), "?page=2&page_size=1000");
        page2.Items().Select(i => i.GetProperty("code").GetString())
            .Should().Equal(items.Skip(1000).Take(1000).Select(i => i.GetProperty("code").GetString()));
        page2.GetProperty("stocks").GetProperty("total").GetInt32().Should().Be(common);
    }

    [Fact]
    public async Task The_verdict_reader_serves_the_newest_report_s_verdict_per_code()
    {
        var (injectedCode, metric) = DemoDiscrepancies.InjectedMetricByCode.First();
        var clean = DemoUniverse.Listings.Select(l => l.Code)
            .First(c => !DemoDiscrepancies.InjectedMetricByCode.ContainsKey(c.Code) && !DemoDiscrepancies.MissingFromAlt.Contains(c.Code));
        var report = await demo.Operator.CheckedAsync(DemoMarket.Primary, DemoMarket.Alternate,
            [injectedCode, clean.FullSymbol, DemoDiscrepancies.MissingFromAlt.First()]);
        var verdicts = demo.Host.Services.GetRequiredService<IConsistencyVerdictReader>();

        var bad = await verdicts.GetLatestAsync(injectedCode, CancellationToken.None);
        var good = await verdicts.GetLatestAsync(clean.Exchange.ToString().ToLowerInvariant() + "." + clean.Code, CancellationToken.None);
        var missing = await verdicts.GetLatestAsync(DemoDiscrepancies.MissingFromAlt.First(), CancellationToken.None);

        bad.Should().NotBeNull();
        bad!.ReportId.Should().Be(report.Id());
        bad.Should().Match<ConsistencyVerdict>(v => !v.IsConsistent && v.PrimarySource == "demo" && v.SecondarySource == "demo_alt" && v.Confidence < 1);
        bad.RelativeDifferenceByMetric[metric].Should().BeGreaterThan(DemoDiscrepancies.Metrics.Single(m => m.Metric == metric).Tolerance);
        good.Should().Match<ConsistencyVerdict>(v => v.ReportId == report.Id() && v.IsConsistent && v.Confidence == 1 && v.RecommendedAction == "use_either");
        missing.Should().BeNull("a code one source lacks is not compared");
        report.GetProperty("requested_codes").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Resolving_by_recommendation_keeps_the_primary_values_and_an_explicit_strategy_is_recorded_per_stock()
    {
        var report = await demo.Operator.CheckedAsync(DemoMarket.Primary, DemoMarket.Alternate);
        var (code, metric) = DemoDiscrepancies.InjectedMetricByCode.Last();

        var byDefault = await (await demo.Operator.ResolveAsync(report.Id(), null)).Content.ReadFromJsonAsync<JsonElement>();
        var secondary = await demo.Operator.ResolveAsync(report.Id(), new { strategy = "secondary", codes = new[] { code } });

        byDefault.GetProperty("strategy").GetString().Should().Be("recommended");
        byDefault.GetProperty("resolved_count").GetInt32().Should().Be(report.GetProperty("summary").GetProperty("common_count").GetInt32());
        byDefault.GetProperty("flagged_count").GetInt32().Should().Be(0, "every injected stock keeps a confidence above 0.3");
        byDefault.GetProperty("changes").GetArrayLength().Should().Be(0, "the primary's values stand everywhere");
        secondary.StatusCode.Should().Be(HttpStatusCode.OK, await secondary.Content.ReadAsStringAsync());
        var result = await secondary.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("resolved_by").GetString().Should().Be("u-operator");
        var change = result.GetProperty("changes").EnumerateArray().Should().ContainSingle().Subject;
        change.GetProperty("code").GetString().Should().Be(code);
        change.GetProperty("applied").GetString().Should().Be("secondary");
        var changed = change.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric);
        changed.GetProperty("chosen").GetDouble().Should().Be(changed.GetProperty("secondary").GetDouble());
        changed.GetProperty("chosen").GetDouble().Should().NotBe(changed.GetProperty("primary").GetDouble());

        var stored = await demo.Viewer.ReportAsync(report.Id(), "?only_inconsistent=true&page_size=10000");
        stored.GetProperty("resolutions").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()).Should().Equal("recommended", "secondary");
        var stock = stored.Items().Single(s => s.GetProperty("code").GetString() == code);
        stock.GetProperty("resolution").GetProperty("applied").GetString().Should().Be("secondary");
        stock.GetProperty("resolution").GetProperty("chosen").GetProperty(metric).GetDouble()
            .Should().Be(stock.GetProperty("differences").GetProperty(metric).GetProperty("secondary").GetDouble());
    }

    [Fact]
    public async Task A_consistent_demo_pair_raises_no_confidence_alert()
    {
        await demo.Operator.CheckedAsync(DemoMarket.Primary, DemoMarket.Alternate);

        var alerts = await demo.Viewer.GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?limit=500");

        alerts.GetProperty("items").EnumerateArray().Should().NotContain(a => a.GetProperty("rule").GetString() == AlertRules.ConsistencyConfidence);
    }
}
