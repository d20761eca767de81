using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>One real host whose store holds both demo variants, synced through the API the way an operator does
/// (<c>preferred_sources=demo</c>, then <c>demo_alt</c>), shared by the tests of the <see cref="DemoPairCollection"/>.</summary>
public sealed class DemoPairHost : IAsyncLifetime
{
    public SyncMonitorFactory Host { get; } = new SyncMonitorFactory().With("Consistency:Quality:RefreshSeconds", "1");

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Operator = Host.CreateClient(TestApiKeys.Operator);
        Viewer = Host.CreateClient(TestApiKeys.Viewer);
        foreach (var source in new[] { DemoMarket.Primary, DemoMarket.Alternate })
        {
            var run = await (await Operator.RunStockBasicsAsync("?preferred_sources=" + source)).AcceptedRunAsync();
            var ended = await Operator.WaitForEndAsync(run.TaskId());
            ended.GetProperty("status").GetString().Should().Be("success", ended.ToString());
            ended.GetProperty("data_sources_used").EnumerateArray().Select(e => e.GetString()).Should().Contain("stock_list:" + source);
        }
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The test classes that read the synced demo pair share one host (syncing ~10,000 rows once).</summary>
[CollectionDefinition(Name)]
public sealed class DemoPairCollection : ICollectionFixture<DemoPairHost>
{
    public const string Name = "demo pair";
}
