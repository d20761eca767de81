using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;
using static SyncMonitor.IntegrationTests.Consistency.CrossSource.SeededPairHost;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>Roles, validation and the report/resolve flow over HTTP on two small seeded sources.</summary>
public sealed class CrossSourceEndpointTests(SeededPairHost seeded) : IClassFixture<SeededPairHost>
{
    private const string UnknownId = "0123456789abcdef01234567";

    [Fact]
    public async Task Checking_and_resolving_need_an_operator_and_reading_a_report_needs_a_viewer()
    {
        var anonymous = seeded.Host.CreateClient(apiKey: null);
        (await anonymous.CheckAsync(Alpha, Beta)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await seeded.Viewer.CheckAsync(Alpha, Beta)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta);

        (await anonymous.GetAsync(CrossSourceApiPaths.ReportFor(report.Id()))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await seeded.Viewer.GetAsync(CrossSourceApiPaths.ReportFor(report.Id()))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await seeded.Viewer.GetAsync(CrossSourceApiPaths.Reports)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await seeded.Viewer.ResolveAsync(report.Id(), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await seeded.Host.CreateClient(TestApiKeys.Admin).ResolveAsync(report.Id(), null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_check_compares_the_common_codes_and_lists_the_one_sided_ones()
    {
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta);

        report.GetProperty("synthetic").GetBoolean().Should().BeFalse();
        report.GetProperty("requested_codes").ValueKind.Should().Be(JsonValueKind.Null);
        report.GetProperty("only_in_primary").Strings().Should().Equal("300750");
        report.GetProperty("only_in_secondary").Strings().Should().Equal("688001");
        var summary = report.GetProperty("summary");
        summary.GetProperty("common_count").GetInt32().Should().Be(3);
        summary.GetProperty("consistent_count").GetInt32().Should().Be(2);
        summary.GetProperty("confidence").GetDouble().Should().BeApproximately((1 + 1 + 0.75) / 3, 1e-4, "ratios are rounded to four places");
        summary.GetProperty("consistent_ratio").GetDouble().Should().BeApproximately(2 / 3.0, 1e-4, "ratios are rounded to four places");
        var stock = report.Items().Should().ContainSingle().Subject;
        stock.GetProperty("code").GetString().Should().Be("000001");
        stock.GetProperty("recommended_action").GetString().Should().Be("use_primary_with_warning");
        var pe = stock.GetProperty("differences").GetProperty("pe");
        pe.GetProperty("primary").GetDouble().Should().Be(20);
        pe.GetProperty("secondary").GetDouble().Should().Be(40);
        pe.GetProperty("relative_difference").GetDouble().Should().Be(0.5);
        pe.GetProperty("tolerance").GetDouble().Should().Be(0.05);
        pe.GetProperty("within_tolerance").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Codes_in_any_form_are_normalized()
    {
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta, ["000001.SZ", "sz.000002", "600000", "SH600000"]);
        var all = await seeded.Viewer.ReportAsync(report.Id());

        report.GetProperty("requested_codes").GetInt32().Should().Be(3);
        all.Items().Select(s => s.GetProperty("code").GetString()).Should().Equal(Common);
        all.GetProperty("only_in_primary").GetArrayLength().Should().Be(0);
    }

    public static TheoryData<string, string> BadChecks => new()
    {
        { """{"secondary":"beta"}""", "primary" },
        { """{"primary":"alpha"}""", "secondary" },
        { """{"primary":"nosuchsource","secondary":"beta"}""", "primary" },
        { """{"primary":"alpha","secondary":"ALPHA"}""", "secondary" },
        { """{"primary":"alpha","secondary":"beta","codes":["000001","12345"]}""", "codes" },
        { """{"primary":"alpha","secondary":"beta","codes":["000001",null]}""", "codes" },
        { """{"primary":"alpha","secondary":"beta","codes":[]}""", "codes" },
        { """{"primary":"alpha","secondary":"beta","codes":["000001","000002","000003","000004","000005","000006"]}""", "codes" },
        { """{"primary":"alpha",""", "body" },
        { """{"primary":"alpha","secondary":"beta","codes":"000001"}""", "codes" },
    };

    [Theory]
    [MemberData(nameof(BadChecks))]
    public async Task A_bad_check_is_a_400_naming_the_field(string body, string field)
    {
        var response = await seeded.Operator.PostAsync(CrossSourceApiPaths.Check, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_check_without_a_body_is_a_400()
    {
        var response = await seeded.Operator.PostAsync(CrossSourceApiPaths.Check, new StringContent(string.Empty, Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_registered_source_with_no_stored_rows_is_a_409_that_says_to_sync_it()
    {
        var response = await seeded.Operator.CheckAsync(Alpha, "demo_alt");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("demo_alt").And.Contain("preferred_sources=demo_alt");
    }

    [Theory]
    [InlineData("not-an-id", "", HttpStatusCode.BadRequest)]
    [InlineData("0123456789ABCDEF01234567", "", HttpStatusCode.BadRequest)]
    [InlineData(UnknownId, "", HttpStatusCode.NotFound)]
    public async Task Reading_a_report_by_a_malformed_id_is_400_and_by_an_unknown_id_404(string id, string query, HttpStatusCode status)
        => await (await seeded.Viewer.GetAsync(CrossSourceApiPaths.ReportFor(id) + query)).ProblemAsync(status);

    [Theory]
    [InlineData("?page_size=0")]
    [InlineData("?page_size=10001")]
    [InlineData("?page=0")]
    [InlineData("?only_inconsistent=maybe")]
    public async Task Bad_paging_of_a_report_is_a_400(string query)
    {
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta);

        await (await seeded.Viewer.GetAsync(CrossSourceApiPaths.ReportFor(report.Id()) + query)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Resolving_an_unknown_report_is_404_and_bad_input_is_400()
    {
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta);

        await (await seeded.Operator.ResolveAsync(UnknownId, null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await seeded.Operator.ResolveAsync("x", null)).ProblemAsync(HttpStatusCode.BadRequest);
        var strategy = await (await seeded.Operator.ResolveAsync(report.Id(), new { strategy = "newest" })).ProblemAsync(HttpStatusCode.BadRequest);
        var notCompared = await (await seeded.Operator.ResolveAsync(report.Id(), new { codes = new[] { "300750" } })).ProblemAsync(HttpStatusCode.BadRequest);
        var malformed = await (await seeded.Operator.ResolveAsync(report.Id(), new { codes = new[] { "abc" } })).ProblemAsync(HttpStatusCode.BadRequest);

        strategy.GetProperty("errors").TryGetProperty("strategy", out _).Should().BeTrue();
        notCompared.GetProperty("detail").GetString().Should().Contain("300750");
        malformed.GetProperty("errors").TryGetProperty("codes", out _).Should().BeTrue();
        (await seeded.Viewer.ReportAsync(report.Id())).GetProperty("resolutions").GetArrayLength().Should().Be(0, "nothing was resolved");
    }

    [Fact]
    public async Task Every_strategy_resolves_and_the_average_is_recorded_with_the_report()
    {
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta);

        var average = await (await seeded.Operator.ResolveAsync(report.Id(), new { strategy = "average", codes = new[] { "000001.SZ" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var investigate = await (await seeded.Operator.ResolveAsync(report.Id(), new { strategy = "investigate" })).Content.ReadFromJsonAsync<JsonElement>();
        var primary = await (await seeded.Operator.ResolveAsync(report.Id(), new { strategy = "primary" })).Content.ReadFromJsonAsync<JsonElement>();

        var pe = average.GetProperty("changes")[0].GetProperty("metrics").EnumerateArray().Should().ContainSingle().Subject;
        pe.GetProperty("metric").GetString().Should().Be("pe");
        pe.GetProperty("chosen").GetDouble().Should().Be(30);
        average.GetProperty("resolved_count").GetInt32().Should().Be(1);
        investigate.GetProperty("flagged_count").GetInt32().Should().Be(3);
        investigate.GetProperty("changes").EnumerateArray().Should().OnlyContain(c => c.GetProperty("flagged").GetBoolean());
        primary.GetProperty("changed_count").GetInt32().Should().Be(0);

        var stored = await seeded.Viewer.ReportAsync(report.Id());
        stored.GetProperty("resolutions").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()).Should().Equal("average", "investigate", "primary");
        stored.Items().Should().OnlyContain(s => s.GetProperty("resolution").GetProperty("applied").GetString() == "primary", "the last resolve wins per stock");
    }

    [Fact]
    public async Task Checks_and_resolves_tell_the_stock_caches_which_verdicts_changed()
    {
        var report = await seeded.Operator.CheckedAsync(Alpha, Beta, ["000001"]);
        var afterCheck = seeded.Changes.Changes.Count;
        (await seeded.Operator.ResolveAsync(report.Id(), new { codes = new[] { "000001" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        var check = seeded.Changes.Changes[afterCheck - 1];
        var resolve = seeded.Changes.Changes.Skip(afterCheck).Should().ContainSingle().Subject;
        foreach (var change in new[] { check, resolve })
        {
            change.Kind.Should().Be(StockDataChange.ConsistencyVerdicts);
            change.Sources.Should().Equal(Alpha, Beta);
            change.Codes.Should().Equal("000001");
        }
    }

    [Fact]
    public async Task Concurrent_checks_and_resolves_are_all_recorded()
    {
        var reports = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => seeded.Operator.CheckedAsync(Alpha, Beta)));
        var target = reports[0].Id();

        var resolves = await Task.WhenAll(new[] { "primary", "secondary", "average", "investigate" }
            .Select(strategy => seeded.Operator.ResolveAsync(target, new { strategy })));

        reports.Select(r => r.Id()).Distinct().Should().HaveCount(5);
        resolves.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await seeded.Viewer.ReportAsync(target)).GetProperty("resolutions").EnumerateArray()
            .Select(r => r.GetProperty("strategy").GetString()).Should().BeEquivalentTo("primary", "secondary", "average", "investigate");
    }

    [Fact]
    public async Task Reports_are_listed_newest_first()
    {
        var first = await seeded.Operator.CheckedAsync(Alpha, Beta);
        var second = await seeded.Operator.CheckedAsync(Beta, Alpha);

        var list = await seeded.Viewer.GetFromJsonAsync<JsonElement>(CrossSourceApiPaths.Reports + "?page_size=2");

        list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Should().Equal(second.Id(), first.Id());
        list.GetProperty("items")[0].GetProperty("primary").GetString().Should().Be(Beta);
        list.GetProperty("total").GetInt64().Should().BeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData(CrossSourceApiPaths.Check, "Check stock-basics consistency")]
    [InlineData(CrossSourceApiPaths.Resolve, "Resolve consistency report")]
    public void The_mutating_endpoints_are_audited(string path, string action)
    {
        var endpoint = seeded.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == path);

        endpoint.Metadata.GetMetadata<AuditMetadata>().Should().Be(new AuditMetadata(AuditActionTypes.Consistency, action));
    }
}
