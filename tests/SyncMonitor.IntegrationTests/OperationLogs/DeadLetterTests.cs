using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Storage;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.TestSupport;

namespace SyncMonitor.IntegrationTests.OperationLogs;

/// <summary>The real host and its SQLite store, with the store refusing (a permanent error, not an outage) every batch
/// that holds one poisoned request's entry: that entry alone is dead-lettered and alerted, and audit logging goes on.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task An_entry_the_store_refuses_costs_only_itself_and_raises_an_alert_while_later_requests_are_still_audited()
    {
        var poisoned = OperationLogProbe.NewSession();
        var faults = new FaultPlan();
        var refusal = faults.On<IOperationLogStore>(nameof(IOperationLogStore.InsertManyAsync))
            .WhenArgument<IReadOnlyList<OperationLog>>(entries => entries.Any(e => e.SessionId == poisoned))
            .Throws(() => new InvalidOperationException("the store cannot hold this document"));
        using var host = new SyncMonitorFactory().WithTestEndpoints().WithFaults<IOperationLogStore>(faults);
        var before = OperationLogProbe.NewSession();
        var after = OperationLogProbe.NewSession();

        (await host.CreateSessionClient(TestApiKeys.Operator, before).PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.CreateSessionClient(TestApiKeys.Operator, poisoned).PostAsync(TestEndpoints.OperatorOnly + "?$date=x", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.HoldsAsync(() => refusal.Faults > 0, "the poisoned entry reached the store");
        (await host.CreateSessionClient(TestApiKeys.Operator, after).PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await host.WaitForSessionAsync(before)).Should().ContainSingle();
        (await host.WaitForSessionAsync(after)).Should().ContainSingle("audit logging goes on after a refused entry");
        (await host.AllAsync()).Should().NotContain(e => e.SessionId == poisoned);
        var alerts = host.Services.GetRequiredService<IAlertStore>();
        await Eventually.HoldsAsync(
            async () => (await alerts.ListAsync(new AlertQuery(50, null, null), CancellationToken.None)).Items.Any(a => a.Rule == AlertRules.OperationLogDeadLetter),
            "the dead-letter alert is raised");
    }
}
