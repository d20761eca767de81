using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class ClearTests
{
    [Fact]
    public async Task Clearing_needs_the_admin_role()
    {
        using var host = new SyncMonitorFactory();
        var response = await host.CreateClient(TestApiKeys.Operator).PostAsJsonAsync(OperationLogApiPaths.Clear, new { days = 0 });
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"days\": 1, \"before\": \"2024-01-01\"}")]
    [InlineData("{\"days\": -1}")]
    [InlineData("{\"before\": \"soon\"}")]
    public async Task A_clear_request_without_exactly_one_valid_bound_is_400(string body)
    {
        using var host = new SyncMonitorFactory();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await host.CreateClient(TestApiKeys.Admin).PostAsync(OperationLogApiPaths.Clear, content);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Clearing_removes_the_matching_entries_and_is_itself_logged_after_the_delete()
    {
        using var host = new SyncMonitorFactory();
        var admin = host.CreateClient(TestApiKeys.Admin);
        for (var i = 0; i < 3; i++)
        {
            (await admin.PostAsJsonAsync(OperationLogApiPaths.Create, new { action_type = "manual", action = $"note {i}" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        }

        (await admin.PostAsJsonAsync(OperationLogApiPaths.Create, new { action_type = "kept", action = "other type" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        // 4 manual entries + the 4 audits of their create calls.
        await WaitForCountAsync(host, 8);

        var response = await admin.PostAsJsonAsync(OperationLogApiPaths.Clear,
            new { before = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"), action_type = "manual" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("removed").GetInt64().Should().Be(3);
        body.GetProperty("action_type").GetString().Should().Be("manual");
        var clearEntry = await WaitForAsync(host, e => e.Action == "Clear operation logs");
        clearEntry.UserId.Should().Be("u-admin");
        clearEntry.ActionType.Should().Be(AuditActionTypes.OperationLog);
        clearEntry.Details["removed"]!.GetValue<long>().Should().Be(3);
        clearEntry.Details["cleared_action_type"]!.GetValue<string>().Should().Be("manual");
        (await host.AllAsync()).Should().NotContain(e => e.ActionType == "manual").And.Contain(e => e.ActionType == "kept");

        var everything = await admin.PostAsJsonAsync(OperationLogApiPaths.Clear, new { days = 0 });
        everything.StatusCode.Should().Be(HttpStatusCode.OK);
        var last = await WaitForAsync(host, e => e.Action == "Clear operation logs" && e.Details["cleared_action_type"] is null);
        (await host.AllAsync()).Should().ContainSingle().Which.Id.Should().Be(last.Id,
            "clearing everything leaves exactly the entry that records it");
    }

    private static async Task WaitForCountAsync(SyncMonitorFactory host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await host.AllAsync()).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        (await host.AllAsync()).Should().HaveCount(count);
    }

    private static async Task<OperationLog> WaitForAsync(SyncMonitorFactory host, Func<OperationLog, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var hit = (await host.AllAsync(OperationLogFilter.All)).FirstOrDefault(match);
            if (hit is not null || DateTime.UtcNow > deadline)
            {
                hit.Should().NotBeNull();
                return hit!;
            }

            await Task.Delay(50);
        }
    }
}
