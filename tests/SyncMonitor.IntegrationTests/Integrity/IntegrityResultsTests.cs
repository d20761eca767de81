using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.Api.Modules.Consistency.Integrity.Jobs;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Integrity;

/// <summary>Where check results go: the day's JSONL file, <c>integrity_checks</c> (metrics and health endpoints),
/// the Prometheus gauge, the deep trend and the schedule.</summary>
public sealed class IntegrityResultsTests
{
    private static string ResultsFile(IntegrityHost host, JsonElement result)
    {
        var checkedAt = result.GetProperty("checked_at").GetDateTimeOffset();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(checkedAt, TradeDates.Shanghai).DateTime);
        return Path.Combine(host.DataDirectory, "monitoring", $"monitoring_{TradeDates.Format(day)}.jsonl");
    }

    [Fact]
    public async Task The_daily_deep_check_deletes_result_files_past_their_retention_and_keeps_the_rest()
    {
        using var host = new IntegrityHost().With("Integrity:ResultFileRetainDays", "30");
        var folder = Path.Combine(host.DataDirectory, "monitoring");
        Directory.CreateDirectory(folder);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TradeDates.Shanghai).DateTime);
        var old = Path.Combine(folder, $"monitoring_{TradeDates.Format(today.AddDays(-31))}.jsonl");
        var kept = Path.Combine(folder, $"monitoring_{TradeDates.Format(today.AddDays(-30))}.jsonl");
        var unrelated = Path.Combine(folder, "notes.txt");
        foreach (var file in new[] { old, kept, unrelated })
        {
            await File.WriteAllTextAsync(file, "{}\n");
        }

        var admin = host.CreateClient(TestApiKeys.Admin);
        (await admin.PostAsync(SchedulerApiPaths.Trigger(DeepIntegrityCheckJob.Name), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (File.Exists(old) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        File.Exists(old).Should().BeFalse("31 days old is past a 30-day retention");
        File.Exists(kept).Should().BeTrue();
        File.Exists(unrelated).Should().BeTrue("only the daily result files are pruned");
    }

    [Fact]
    public async Task Each_check_is_one_json_line_in_the_file_of_its_shanghai_day()
    {
        using var host = new IntegrityHost();
        await host.SeedRunsAsync(4, 3, DateTimeOffset.UtcNow.AddMinutes(-5));

        var quick = await host.CheckAsync("quick");
        var full = await host.CheckAsync("full");

        var path = ResultsFile(host, quick);
        File.Exists(path).Should().BeTrue();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Where(l => l.GetProperty("id").GetString() == quick.GetProperty("id").GetString()).Should().ContainSingle()
            .Which.GetProperty("completion_rate").GetDouble().Should().Be(75);
        lines.Should().Contain(l => l.GetProperty("id").GetString() == full.GetProperty("id").GetString() && l.GetProperty("type").GetString() == "full");
        lines[0].GetProperty("failures")[0].GetProperty("reason").GetString().Should().Be("short");
    }

    [Fact]
    public async Task Twenty_concurrent_checks_append_twenty_whole_lines()
    {
        using var host = new IntegrityHost();
        await host.SeedRunsAsync(30, 20, DateTimeOffset.UtcNow.AddMinutes(-5));
        var client = host.CreateClient(TestApiKeys.Operator);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostAsJsonAsync(IntegrityApiPaths.Check, new { type = i % 2 == 0 ? "quick" : "full" })));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var ids = new List<string>();
        foreach (var response in responses)
        {
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var lines = Directory.GetFiles(Path.Combine(host.DataDirectory, "monitoring"), "monitoring_*.jsonl")
            .SelectMany(File.ReadAllLines).ToList();
        lines.Should().HaveCount(20).And.OnlyContain(l => l.StartsWith('{') && l.EndsWith('}'));
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task Metrics_show_the_latest_check_per_type_and_a_history_newest_first()
    {
        using var host = new IntegrityHost();
        await host.SeedRunsAsync(4, 2, DateTimeOffset.UtcNow.AddMinutes(-5));
        var first = await host.CheckAsync("quick");
        await host.SeedRowsAsync(IntegrityHost.DateFor(2), IntegrityHost.RowsPerRun);
        var second = await host.CheckAsync("quick");

        var metrics = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(IntegrityApiPaths.Metrics);

        var quick = metrics.GetProperty("quick");
        quick.GetProperty("latest").GetProperty("id").GetString().Should().Be(second.GetProperty("id").GetString());
        quick.GetProperty("latest").GetProperty("completion_rate").GetDouble().Should().Be(75);
        quick.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("id").GetString())
            .Should().Equal(second.GetProperty("id").GetString(), first.GetProperty("id").GetString());
        metrics.GetProperty("full").GetProperty("latest").ValueKind.Should().Be(JsonValueKind.Null);
        metrics.GetProperty("deep").GetProperty("history").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Health_is_unknown_before_any_check_then_the_worst_latest_check_decides()
    {
        using var host = new IntegrityHost();
        var viewer = host.CreateClient(TestApiKeys.Viewer);
        var before = await viewer.GetFromJsonAsync<JsonElement>(IntegrityApiPaths.Health);
        before.GetProperty("status").GetString().Should().Be("unknown");
        before.GetProperty("checks").GetArrayLength().Should().Be(0);

        // Recent runs are complete; runs three days ago are short: quick is healthy, deep is not.
        await host.SeedRunsAsync(5, 5, DateTimeOffset.UtcNow.AddMinutes(-5), prefix: "recent");
        await host.SeedRunsAsync(5, 0, DateTimeOffset.UtcNow.AddDays(-3), prefix: "old", firstDate: 100);
        (await host.CheckAsync("quick")).GetProperty("health").GetString().Should().Be("healthy");
        var deep = await host.CheckAsync("deep");

        var health = await viewer.GetFromJsonAsync<JsonElement>(IntegrityApiPaths.Health);

        deep.GetProperty("completion_rate").GetDouble().Should().Be(50);
        health.GetProperty("status").GetString().Should().Be("unhealthy");
        health.GetProperty("level").GetString().Should().Be("high");
        health.GetProperty("determined_by").GetString().Should().Be("deep");
        health.GetProperty("check_id").GetString().Should().Be(deep.GetProperty("id").GetString());
        health.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("type").GetString()).Should().BeEquivalentTo("quick", "deep");
    }

    [Fact]
    public async Task A_deep_check_reports_the_daily_trend_and_its_slope()
    {
        using var host = new IntegrityHost();
        var now = DateTimeOffset.UtcNow;
        await host.SeedRunsAsync(4, 4, now.AddDays(-4), prefix: "d4", firstDate: 0);   // 100 %
        await host.SeedRunsAsync(4, 2, now.AddDays(-3), prefix: "d3", firstDate: 10);  // 50 %
        await host.SeedRunsAsync(4, 0, now.AddDays(-2), prefix: "d2", firstDate: 20);  // 0 %

        var trend = (await host.CheckAsync("deep")).GetProperty("trend");

        trend.GetProperty("days").GetArrayLength().Should().Be(15);
        trend.GetProperty("days").EnumerateArray().Where(d => d.GetProperty("runs").GetInt64() > 0)
            .Select(d => d.GetProperty("completion_rate").GetDouble()).Should().Equal(100, 50, 0);
        trend.GetProperty("slope_per_day").GetDouble().Should().BeApproximately(-50, 1e-9);
        trend.GetProperty("direction").GetString().Should().Be("degrading");
    }

    [Fact]
    public async Task The_completion_rate_is_exported_as_a_gauge_per_check_type()
    {
        using var host = new IntegrityHost();
        await host.SeedRunsAsync(4, 3, DateTimeOffset.UtcNow.AddMinutes(-5));
        await host.CheckAsync("quick");

        var text = await host.CreateClient(apiKey: null).GetStringAsync("/metrics");

        text.Should().Contain("syncmonitor_integrity_completion_rate{type=\"quick\"} 75");
        text.Should().Contain("syncmonitor_integrity_checks_total{health=\"unhealthy\",type=\"quick\"} 1");
    }

    [Fact]
    public async Task The_three_checks_are_scheduled_and_a_triggered_deep_check_is_recorded()
    {
        using var host = new IntegrityHost();
        var jobs = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(SchedulerApiPaths.Jobs);
        var crons = jobs.EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!, j => j.GetProperty("cron").GetString());

        crons.Should().Contain(new Dictionary<string, string?>
        {
            ["integrity_quick"] = "0 */15 * * * ?",
            ["integrity_full"] = "0 0 * * * ?",
            ["integrity_deep"] = "0 0 2 * * ?",
        });
        (await host.CreateClient(TestApiKeys.Admin).PostAsync(SchedulerApiPaths.Trigger("integrity_deep"), null))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement latest;
        do
        {
            await Task.Delay(100);
            latest = (await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(IntegrityApiPaths.Metrics)).GetProperty("deep").GetProperty("latest");
        }
        while (latest.ValueKind == JsonValueKind.Null && DateTime.UtcNow < deadline);

        latest.GetProperty("type").GetString().Should().Be("deep");
        latest.GetProperty("note").GetString().Should().Be("no_runs");
        latest.GetProperty("completion_rate").GetDouble().Should().Be(100);
    }
}
