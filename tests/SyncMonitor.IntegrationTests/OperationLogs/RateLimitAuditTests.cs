using System.Net;
using System.Net.Http.Json;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class RateLimitAuditTests
{
    [Fact]
    public async Task Calls_refused_by_the_rate_limiter_are_audited_and_the_export_has_its_own_budget()
    {
        using var host = new SyncMonitorFactory()
            .With("RateLimiting:MutatingPermitsPerMinute", "1")
            .With("RateLimiting:ExportPermitsPerMinute", "1");
        var session = OperationLogProbe.NewSession();
        var client = host.CreateSessionClient(TestApiKeys.Operator, session);
        var body = new { action_type = "manual", action = "limited" };

        (await client.PostAsJsonAsync(OperationLogApiPaths.Create, body)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.PostAsJsonAsync(OperationLogApiPaths.Create, body)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await client.GetAsync(OperationLogApiPaths.ExportCsv)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(OperationLogApiPaths.ExportCsv)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var entries = await host.WaitForSessionAsync(session, 4);
        var refused = entries.Where(e => !e.Success).ToList();
        refused.Should().HaveCount(2);
        refused.Should().OnlyContain(e => e.Details["status_code"]!.GetValue<int>() == 429);
        refused.Should().OnlyContain(e => e.ErrorMessage!.StartsWith("Rate limit reached", StringComparison.Ordinal));
        refused.Select(e => e.ActionType).Should().BeEquivalentTo(AuditActionTypes.OperationLog, AuditActionTypes.Export);
    }
}
