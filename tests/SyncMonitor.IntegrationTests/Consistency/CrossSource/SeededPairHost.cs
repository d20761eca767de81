using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Consistency.StockRowSeeder;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>A host whose store holds two small made-up sources, <c>alpha</c> and <c>beta</c> (no sync needed), with
/// at most 5 codes per request and the stock-data change notifications recorded.</summary>
public sealed class SeededPairHost : IAsyncLifetime
{
    public const string Alpha = "alpha";
    public const string Beta = "beta";

    /// <summary>alpha has 000001, 000002, 600000, 300750; beta has 000001 (pe off), 000002, 600000, 688001.</summary>
    public static readonly string[] Common = ["000001", "000002", "600000"];

    public SeededPairHost()
    {
        Host = new SyncMonitorFactory()
            .With("Consistency:MaxCodes", "5")
            .WithServices(services => services.AddSingleton<IStockDataChangeNotifier>(Changes));
    }

    public SyncMonitorFactory Host { get; }

    public RecordingChangeNotifier Changes { get; } = new();

    public HttpClient Operator => Host.CreateClient(TestApiKeys.Operator);

    public HttpClient Viewer => Host.CreateClient(TestApiKeys.Viewer);

    public async Task InitializeAsync()
        => await Host.Services.SeedAsync(
        [
            Row("000001", Alpha), Row("000002", Alpha), Row("600000", Alpha), Row("300750", Alpha),
            Row("000001", Beta, pe: 40), Row("000002", Beta), Row("600000", Beta), Row("688001", Beta),
        ]);

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Records what the consistency module told the stock caches.</summary>
public sealed class RecordingChangeNotifier : IStockDataChangeNotifier
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<StockDataChange> _changes = new();

    public IReadOnlyList<StockDataChange> Changes => [.. _changes];

    public Task StockDataChangedAsync(StockDataChange change, CancellationToken cancellationToken)
    {
        _changes.Enqueue(change);
        return Task.CompletedTask;
    }
}
