using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SyncMonitor.IntegrationTests.Metrics.Prometheus;

/// <summary><c>deploy/grafana/syncmonitor.json</c>: every PromQL expression in it (panel targets and the instance
/// variable's query) is evaluated by the real Prometheus scraping a real host, and every metric it reads is one the
/// host exports — no panel shows "No data" for a series that does not exist.</summary>
[Collection(MonitoredServiceCollection.Name)]
public sealed partial class GrafanaDashboardTests(MonitoredService service)
{
    private static readonly JsonElement Dashboard = JsonDocument.Parse(File.ReadAllText(PrometheusTools.DashboardFile)).RootElement;

    [Fact]
    public async Task Every_panel_query_evaluates_without_error_and_returns_series_from_the_scraped_host()
    {
        var expressions = Expressions().ToList();
        expressions.Should().HaveCountGreaterThan(20);

        var empty = new List<string>();
        foreach (var expression in expressions)
        {
            var result = await service.Prometheus.QueryAsync(AsGrafanaSendsIt(expression)); // fails on a query error
            if (result.GetArrayLength() == 0)
            {
                empty.Add(expression);
            }
        }

        empty.Should().BeEmpty("every panel shows data for the scraped host");
    }

    [Fact]
    public async Task Every_metric_the_dashboard_reads_is_exported_by_the_service()
    {
        var exported = (await service.Prometheus.Http.GetFromJsonAsync<JsonElement>("/api/v1/label/__name__/values"))
            .GetProperty("data").EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
        var read = Expressions().SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);

        read.Should().NotBeEmpty();
        read.Except(exported).Should().BeEmpty("each metric a panel reads exists in Prometheus");
    }

    [Fact]
    public void The_board_covers_what_an_operator_watches()
    {
        var read = Expressions().SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);

        read.Should().Contain([
            "up", "syncmonitor_sync_runs_total", "syncmonitor_sync_run_duration_seconds_bucket", "syncmonitor_sync_rows_written_total",
            "syncmonitor_sync_last_success_timestamp_seconds", "syncmonitor_sync_lock_skips_total", "syncmonitor_progress_redis_fallback_total",
            "syncmonitor_oplog_queue_depth", "syncmonitor_oplog_dropped_total", "http_request_duration_seconds_bucket",
            "syncmonitor_cache_requests_total", "syncmonitor_source_available", "syncmonitor_source_request_duration_seconds_bucket",
            "syncmonitor_integrity_completion_rate", "syncmonitor_health_status",
        ]);
        Dashboard.GetProperty("uid").GetString().Should().Be("syncmonitor");
    }

    /// <summary>Every <c>expr</c> anywhere in the board (rows may nest panels) and the variables' <c>label_values</c> selectors.</summary>
    private static IEnumerable<string> Expressions()
    {
        foreach (var expr in Strings(Dashboard, "expr"))
        {
            yield return expr;
        }

        foreach (var variable in Dashboard.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                var match = LabelValues().Match(variable.GetProperty("definition").GetString()!);
                match.Success.Should().BeTrue("a query variable uses label_values(selector, label)");
                yield return match.Groups["selector"].Value;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element, string property) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == property && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Strings(p.Value, property)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Strings(e, property)),
        _ => [],
    };

    /// <summary>What Grafana puts in place of its variables: all instances, a rate window of a minute.</summary>
    private static string AsGrafanaSendsIt(string expression)
        => expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal);

    private static IEnumerable<string> MetricNames(string expression) => SelectorName().Matches(expression).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{")]
    private static partial Regex SelectorName();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*[a-zA-Z_]+\)$")]
    private static partial Regex LabelValues();
}
