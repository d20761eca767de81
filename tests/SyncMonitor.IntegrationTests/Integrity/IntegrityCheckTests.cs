using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.IntegrationTests.Foundation.Language;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Integrity;

/// <summary><c>POST /api/monitoring/data-consistency/check</c> on seeded runs: every health band and alert level,
/// the failures it names, and the alert it fires and clears.</summary>
public sealed class IntegrityCheckTests
{
    private static readonly DateTimeOffset TenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Theory]
    [InlineData(20, 20, 100.0, "healthy", "none", null)]
    [InlineData(20, 19, 95.0, "healthy", "low", null)]
    [InlineData(20, 18, 90.0, "degraded", "medium", "medium")]
    [InlineData(20, 16, 80.0, "degraded", "medium", "medium")]
    [InlineData(20, 15, 75.0, "unhealthy", "high", "high")]
    [InlineData(20, 10, 50.0, "unhealthy", "high", "high")]
    [InlineData(20, 9, 45.0, "unhealthy", "critical", "critical")]
    public async Task A_quick_check_bands_the_share_of_runs_with_complete_output_and_alerts_below_95(
        int runs, int complete, double rate, string health, string level, string? alertLevel)
    {
        using var host = new IntegrityHost();
        await host.SeedRunsAsync(runs, complete, TenMinutesAgo);

        var result = await host.CheckAsync("quick");

        result.GetProperty("type").GetString().Should().Be("quick");
        result.GetProperty("completion_rate").GetDouble().Should().Be(rate);
        result.GetProperty("health").GetString().Should().Be(health);
        result.GetProperty("level").GetString().Should().Be(level);
        result.GetProperty("successful_runs").GetInt64().Should().Be(runs);
        result.GetProperty("runs_with_complete_output").GetInt64().Should().Be(complete);
        result.GetProperty("failures_total").GetInt64().Should().Be(runs - complete);
        var alerts = await host.IntegrityAlertsAsync("quick");
        if (alertLevel is null)
        {
            alerts.Should().BeEmpty();
        }
        else
        {
            alerts.Should().ContainSingle().Which.GetProperty("level").GetString().Should().Be(alertLevel);
            alerts[0].GetProperty("status").GetString().Should().Be("firing");
        }
    }

    [Fact]
    public async Task A_run_that_stored_nothing_and_a_run_whose_rows_were_deleted_are_both_named_as_failures()
    {
        using var host = new IntegrityHost();
        var date = IntegrityHost.DateFor(0);
        await host.SeedRunAsync("no-output", new Dictionary<string, long> { [IntegrityHost.DateFor(1)] = 0 }, TenMinutesAgo);
        await host.SeedRunAsync("shortened", new Dictionary<string, long> { [date] = 5 }, TenMinutesAgo.AddMinutes(1));
        await host.SeedRowsAsync(date, 5);
        await host.Get<Api.Modules.Sync.Storage.IDailyBasicStore>().DeleteAsync(
            [new(Code: "600000", TradeDate: date, Source: "demo"), new("600001", date, "demo")], null, CancellationToken.None);
        await host.SeedRunAsync("outside-window", new Dictionary<string, long> { [IntegrityHost.DateFor(2)] = 5 }, DateTimeOffset.UtcNow.AddHours(-2));
        await host.SeedRunAsync("failed-run", new Dictionary<string, long> { [IntegrityHost.DateFor(3)] = 5 }, TenMinutesAgo,
            status: Api.Modules.Sync.SyncRunStatus.Failed);

        var result = await host.CheckAsync("quick");

        result.GetProperty("successful_runs").GetInt64().Should().Be(2, "failed runs and runs started before the window are not judged");
        result.GetProperty("completion_rate").GetDouble().Should().Be(0);
        var failures = result.GetProperty("failures").EnumerateArray()
            .Select(f => (f.GetProperty("task_id").GetString(), f.GetProperty("reason").GetString(), f.GetProperty("reported").GetInt64(),
                f.GetProperty("present").GetInt64(), f.GetProperty("missing").GetInt64()))
            .ToList();
        failures.Should().Equal(("shortened", "short", 5L, 3L, 2L), ("no-output", "no_output", 0L, 0L, 0L));
        result.GetProperty("trade_dates_checked").GetInt64().Should().Be(2);
        result.GetProperty("avg_rows_reported_per_run").GetDouble().Should().Be(2.5);
        result.GetProperty("avg_rows_present_per_run").GetDouble().Should().Be(1.5);
        result.GetProperty("output_delay").GetProperty("measured").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task The_alert_fires_with_the_level_and_clears_once_a_check_is_back_at_95_or_more()
    {
        using var host = new IntegrityHost();
        await host.SeedRunsAsync(10, 7, TenMinutesAgo);

        (await host.CheckAsync("quick")).GetProperty("level").GetString().Should().Be("high");
        (await host.IntegrityAlertsAsync("quick")).Single().GetProperty("status").GetString().Should().Be("firing");
        for (var i = 7; i < 10; i++)
        {
            await host.SeedRowsAsync(IntegrityHost.DateFor(i), IntegrityHost.RowsPerRun);
        }

        (await host.CheckAsync("quick")).GetProperty("completion_rate").GetDouble().Should().Be(100);

        var alert = (await host.IntegrityAlertsAsync("quick")).Single();
        alert.GetProperty("status").GetString().Should().Be("resolved");
        alert.GetProperty("resolved_by").GetString().Should().Be("auto");
        (await host.IntegrityAlertsAsync("full")).Should().BeEmpty("alerts are per check type");
    }

    [Fact]
    public async Task Every_check_below_95_fires_but_only_the_first_check_back_above_it_clears()
    {
        var raiser = new FakeAlertRaiser();
        using var host = new IntegrityHost();
        host.WithServices(services => services.AddSingleton<IAlertRaiser>(raiser));
        await host.CheckAsync("quick");
        await host.SeedRunsAsync(10, 7, TenMinutesAgo);

        await host.CheckAsync("quick");
        await host.CheckAsync("quick");
        raiser.Fired.Select(f => (f.Rule, f.Level, f.Labels["check"])).Should().Equal(
            (AlertRules.IntegrityLevel, AlertLevel.High, "quick"), (AlertRules.IntegrityLevel, AlertLevel.High, "quick"));
        raiser.Cleared.Should().BeEmpty("a healthy check with nothing alerting before it has nothing to clear");

        for (var i = 7; i < 10; i++)
        {
            await host.SeedRowsAsync(IntegrityHost.DateFor(i), IntegrityHost.RowsPerRun);
        }

        await host.CheckAsync("quick");
        await host.CheckAsync("quick");
        raiser.Cleared.Should().ContainSingle().Which.Labels.Should().Equal(new Dictionary<string, string> { ["check"] = "quick" });
        raiser.Fired.Should().HaveCount(2);
    }

    [Fact]
    public async Task No_successful_runs_in_the_window_is_healthy_at_100_with_a_note()
    {
        using var host = new IntegrityHost();

        var result = await host.CheckAsync("full");

        result.GetProperty("completion_rate").GetDouble().Should().Be(100);
        result.GetProperty("health").GetString().Should().Be("healthy");
        result.GetProperty("note").GetString().Should().Be("no_runs");
        result.GetProperty("trend").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("{\"type\":\"hourly\"}")]
    [InlineData("{}")]
    [InlineData("")]
    public async Task An_unknown_or_missing_type_is_a_400_problem_naming_the_field(string body)
    {
        using var host = new IntegrityHost();

        var response = await host.CreateClient(TestApiKeys.Operator).InEnglish().PostAsync(IntegrityApiPaths.Check,
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("type")[0].GetString().Should().Be("type must be one of: quick, full, deep.");
    }

    [Fact]
    public async Task Viewers_read_but_only_operators_run_checks()
    {
        using var host = new IntegrityHost();

        (await host.CreateClient(TestApiKeys.Viewer).PostAsJsonAsync(IntegrityApiPaths.Check, new { type = "quick" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.CreateClient(apiKey: null).GetAsync(IntegrityApiPaths.Health)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.CreateClient(TestApiKeys.Viewer).GetAsync(IntegrityApiPaths.Metrics)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
