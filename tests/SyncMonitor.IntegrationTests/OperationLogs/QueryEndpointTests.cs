using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class QueryEndpointTests : IClassFixture<SyncMonitorFactory>
{
    private readonly SyncMonitorFactory _host;

    public QueryEndpointTests(SyncMonitorFactory host) => _host = host;

    private async Task<JsonElement> CreateAsync(object body, string key = TestApiKeys.Operator)
    {
        var response = await _host.CreateClient(key).PostAsJsonAsync(OperationLogApiPaths.Create, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string key = TestApiKeys.Viewer)
    {
        var response = await _host.CreateClient(key).GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_manual_entry_is_stored_for_the_caller_and_can_be_read_back_by_id()
    {
        var created = await CreateAsync(new { action_type = "manual", action = "Rotated the tushare token", success = false,
            error_message = "partial", duration_ms = 42, details = new { ticket = "OPS-1" } });

        var id = created.GetProperty("id").GetString()!;
        var read = await GetJsonAsync(OperationLogApiPaths.For(id));
        read.GetProperty("user_id").GetString().Should().Be("u-operator");
        read.GetProperty("username").GetString().Should().Be("Otto Operator");
        read.GetProperty("action").GetString().Should().Be("Rotated the tushare token");
        read.GetProperty("success").GetBoolean().Should().BeFalse();
        read.GetProperty("error_message").GetString().Should().Be("partial");
        read.GetProperty("duration_ms").GetInt64().Should().Be(42);
        read.GetProperty("details").GetProperty("ticket").GetString().Should().Be("OPS-1");
        read.GetProperty("timestamp").GetString().Should().EndWith("+00:00");
    }

    [Fact]
    public async Task A_manual_entry_needs_the_operator_role()
    {
        var response = await _host.CreateClient(TestApiKeys.Viewer)
            .PostAsJsonAsync(OperationLogApiPaths.Create, new { action_type = "manual", action = "x" });
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_invalid_manual_entry_is_a_400_naming_every_bad_field()
    {
        var response = await _host.CreateClient(TestApiKeys.Operator).PostAsJsonAsync(OperationLogApiPaths.Create,
            new { action_type = "Bad Type!", action = "", duration_ms = -1, error_message = new string('x', 2001) });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("action_type", "action", "duration_ms", "error_message");
    }

    [Theory]
    [InlineData("nothex")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    public async Task A_malformed_id_is_400(string id)
        => (await _host.CreateClient(TestApiKeys.Viewer).GetAsync(OperationLogApiPaths.For(id))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

    [Fact]
    public async Task An_unknown_id_is_404_problem()
    {
        var response = await _host.CreateClient(TestApiKeys.Viewer).GetAsync(OperationLogApiPaths.For(Guid.NewGuid().ToString("N")));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_list_filters_pages_and_answers_items_total_page_and_page_size()
    {
        var marker = "mk" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(new { action_type = "filtered", action = $"{marker} step {i}", success = i != 1 });
        }

        var page = await GetJsonAsync($"{OperationLogApiPaths.List}?keyword={marker}&action_type=filtered&success=true&page=1&page_size=1");
        page.GetProperty("total").GetInt64().Should().Be(2);
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("page_size").GetInt32().Should().Be(1);
        page.GetProperty("items").EnumerateArray().Single().GetProperty("action").GetString().Should().Be($"{marker} step 2");

        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TradeDates.Shanghai).ToString("yyyy-MM-dd");
        var byDate = await GetJsonAsync($"{OperationLogApiPaths.List}?keyword={marker}&start_date={today}&end_date={today}&user_id=u-operator");
        byDate.GetProperty("total").GetInt64().Should().Be(3);
        var iso = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        (await GetJsonAsync($"{OperationLogApiPaths.List}?keyword={marker}&start_date={iso}")).GetProperty("total").GetInt64().Should().Be(0);
    }

    [Theory]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=201", "page_size")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("start_date=2024-13-01", "start_date")]
    [InlineData("end_date=yesterday", "end_date")]
    [InlineData("start_date=2024-05-02&end_date=2024-05-01", "start_date")]
    [InlineData("success=maybe", "success")]
    public async Task A_bad_list_parameter_is_a_400_for_that_field(string query, string field)
    {
        var response = await _host.CreateClient(TestApiKeys.Viewer).GetAsync($"{OperationLogApiPaths.List}?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("(a+)+$")]
    [InlineData(".*")]
    [InlineData("'; DROP TABLE operation_logs; --")]
    public async Task A_hostile_keyword_matches_literally_and_returns(string keyword)
    {
        var marker = "kw" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(new { action_type = "manual", action = marker + " contains " + keyword });
        // Text that a regex such as (a+)+$ would backtrack on exponentially.
        await CreateAsync(new { action_type = "manual", action = marker + " decoy", details = new { text = new string('a', 5000) + "!" } });

        var page = await GetJsonAsync($"{OperationLogApiPaths.List}?keyword={Uri.EscapeDataString(keyword)}&page_size=200");

        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString())
            .Should().Contain(marker + " contains " + keyword)
            .And.OnlyContain(a => a!.Contains(keyword, StringComparison.OrdinalIgnoreCase));
        (await GetJsonAsync($"{OperationLogApiPaths.List}?keyword={marker}")).GetProperty("total").GetInt64().Should().Be(2,
            "the table is still there and holds both entries");
    }

    [Fact]
    public async Task Stats_answer_totals_rates_and_groups_for_the_window()
    {
        await CreateAsync(new { action_type = "stats_probe", action = "ok", duration_ms = 10 });
        await CreateAsync(new { action_type = "stats_probe", action = "failed", success = false, duration_ms = 30 });

        var stats = await GetJsonAsync($"{OperationLogApiPaths.Stats}?days=7");

        stats.GetProperty("days").GetInt32().Should().Be(7);
        stats.GetProperty("total").GetInt64().Should().BeGreaterThanOrEqualTo(2);
        stats.GetProperty("failed").GetInt64().Should().BeGreaterThanOrEqualTo(1);
        stats.GetProperty("success_rate").GetDouble().Should().BeInRange(0, 100);
        stats.GetProperty("avg_duration_ms").ValueKind.Should().Be(JsonValueKind.Number);
        stats.GetProperty("by_action_type").EnumerateArray()
            .Single(g => g.GetProperty("action_type").GetString() == "stats_probe")
            .GetProperty("count").GetInt64().Should().Be(2);
        stats.GetProperty("by_day").EnumerateArray().Select(d => d.GetProperty("date").GetString())
            .Should().Contain(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TradeDates.Shanghai).ToString("yyyy-MM-dd"), "days are Shanghai days");
        stats.GetProperty("top_users").EnumerateArray().Select(u => u.GetProperty("user_id").GetString()).Should().Contain("u-operator");
        (await _host.CreateClient(TestApiKeys.Viewer).GetAsync($"{OperationLogApiPaths.Stats}?days=0")).StatusCode
            .Should().Be(HttpStatusCode.BadRequest);
    }
}
