using System.Net;
using System.Text.RegularExpressions;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Modules.Dashboard;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Dashboard;

/// <summary>The page and its files over HTTP: public, complete, and with the dashboard's security headers.</summary>
public sealed partial class DashboardServingTests(SyncMonitorFactory host) : IClassFixture<SyncMonitorFactory>
{
    private readonly HttpClient _anonymous = host.CreateClient(apiKey: null);

    [Fact]
    public async Task The_page_is_served_at_the_root_without_an_api_key()
    {
        var response = await _anonymous.GetAsync(DashboardPaths.Page);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<title>SyncMonitor · 数据同步监控</title>").And.Contain("id=\"key-form\"");
    }

    [Fact]
    public async Task Every_file_the_page_references_loads_without_a_key_with_its_content_type()
    {
        var files = await ReferencedFilesAsync();

        files.Should().Contain(["/dashboard/app.js", "/dashboard/signalr.min.js", "/dashboard/dashboard.css", "/dashboard/current-task.js"]);
        foreach (var (path, expectedType) in files.Select(f => (f, TypeOf(f))))
        {
            var response = await _anonymous.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be(expectedType, path);
            (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty(path);
        }
    }

    [Fact]
    public async Task The_page_carries_a_content_security_policy_that_allows_only_its_own_origin()
    {
        var response = await _anonymous.GetAsync(DashboardPaths.Page);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("connect-src 'self'")
            .And.Contain("frame-ancestors 'none'").And.Contain("require-trusted-types-for 'script'");
        policy.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval").And.NotContain("http");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }

    [Fact]
    public async Task The_page_has_no_inline_script_style_or_event_handler_the_policy_would_block()
    {
        var html = await _anonymous.GetStringAsync(DashboardPaths.Page);

        ScriptWithoutSource().IsMatch(html).Should().BeFalse("every script is a file from this origin");
        html.Should().NotContain("<style").And.NotContain(" style=").And.NotContainAny(" onclick=", " onload=", " onsubmit=", "javascript:");
    }

    [Fact]
    public async Task Swagger_ui_keeps_working_without_the_dashboard_policy()
    {
        var response = await _anonymous.GetAsync("/swagger/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse("Swagger UI needs inline scripts; the policy is the dashboard's");
    }

    [Fact]
    public async Task An_unknown_dashboard_file_is_a_404_problem_not_a_401()
    {
        var response = await _anonymous.GetAsync(DashboardPaths.AssetFor("missing.js"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_api_next_to_the_public_page_still_needs_a_key()
    {
        (await _anonymous.GetAsync(AuthApiPaths.Me)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _anonymous.PostAsync(DashboardPaths.Page, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "only GET and HEAD of the page are public");
    }

    [Fact]
    public async Task A_cached_file_is_revalidated_with_its_etag()
    {
        var first = await _anonymous.GetAsync(DashboardPaths.AssetFor("app.js"));
        first.Headers.CacheControl!.NoCache.Should().BeTrue();

        using var again = new HttpRequestMessage(HttpMethod.Get, DashboardPaths.AssetFor("app.js"));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        (await _anonymous.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task The_vendored_signalr_client_keeps_its_licence_header()
    {
        var script = await _anonymous.GetStringAsync(DashboardPaths.AssetFor("signalr.min.js"));

        script.Should().StartWith("/*! @microsoft/signalr 8.").And.Contain("MIT License").And.NotContain("sourceMappingURL");
    }

    /// <summary>Files named by the page (src/href) and by its modules (import … from './x.js'), transitively.</summary>
    private async Task<IReadOnlyCollection<string>> ReferencedFilesAsync()
    {
        var html = await _anonymous.GetStringAsync(DashboardPaths.Page);
        var found = new HashSet<string>(PageReference().Matches(html).Select(m => m.Groups["path"].Value), StringComparer.Ordinal);
        var pending = new Queue<string>(found.Where(p => p.EndsWith(".js", StringComparison.Ordinal)));
        while (pending.TryDequeue(out var script))
        {
            var source = await _anonymous.GetStringAsync(script);
            foreach (var import in ModuleImport().Matches(source).Select(m => DashboardPaths.AssetFor(m.Groups["file"].Value)))
            {
                if (found.Add(import))
                {
                    pending.Enqueue(import);
                }
            }
        }

        return found;
    }

    private static string TypeOf(string path) => Path.GetExtension(path) switch
    {
        ".js" => "text/javascript",
        ".css" => "text/css",
        ".svg" => "image/svg+xml",
        _ => "text/html",
    };

    [GeneratedRegex("(?:src|href)=\"(?<path>/dashboard/[^\"]+)\"")]
    private static partial Regex PageReference();

    [GeneratedRegex(@"from '\./(?<file>[a-z0-9-]+\.js)'")]
    private static partial Regex ModuleImport();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>")]
    private static partial Regex ScriptWithoutSource();
}
