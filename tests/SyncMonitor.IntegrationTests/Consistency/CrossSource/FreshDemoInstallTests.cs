using System.Net;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>What a newcomer does on a fresh demo install: one sync from the dashboard, then a consistency check.</summary>
public sealed class FreshDemoInstallTests
{
    [Fact]
    public async Task One_demo_sync_is_enough_for_a_consistency_check_of_the_demo_pair()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var run = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
        run.GetProperty("status").GetString().Should().Be("success", run.ToString());

        var check = await client.CheckAsync(DemoMarket.Primary, DemoMarket.Alternate);
        check.StatusCode.Should().Be(HttpStatusCode.Created, await check.Content.ReadAsStringAsync());
    }
}
