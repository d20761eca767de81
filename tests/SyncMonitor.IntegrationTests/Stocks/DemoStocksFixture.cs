using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>One host whose store holds both demo variants (<c>demo</c> first, then <c>demo_alt</c>, synced through the
/// HTTP API) and a week of daily basics (2024-11-11 … 2024-11-15, a Monday to Friday). Shared by the read-only tests.</summary>
public sealed class DemoStocksFixture : IAsyncLifetime
{
    public const string DailyStart = "2024-11-11";
    public const string DailyEnd = "2024-11-15";

    public SyncMonitorFactory Host { get; } = new();

    public HttpClient Viewer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var operatorClient = Host.CreateClient(TestApiKeys.Operator);
        await operatorClient.SyncStockBasicsAsync();
        await operatorClient.SyncStockBasicsAsync("?preferred_sources=demo_alt");
        await operatorClient.SyncDailyBasicAsync(DailyStart, DailyEnd);
        Viewer = Host.CreateClient(TestApiKeys.Viewer);
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoStocksCollection : ICollectionFixture<DemoStocksFixture>
{
    public const string Name = "demo-stocks";
}
