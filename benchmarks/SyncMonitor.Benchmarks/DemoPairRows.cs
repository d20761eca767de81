using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.Benchmarks;

/// <summary>The demo pair's stock rows exactly as the demo sources serve them to a sync (~5,000 codes each,
/// demo_alt with its documented discrepancies).</summary>
internal static class DemoPairRows
{
    public static async Task<IReadOnlyList<StockBasic>> ForAsync(string source)
    {
        var services = new ServiceCollection();
        services.AddOptions<DemoSourceOptions>(source);
        await using var provider = services.BuildServiceProvider();
        var demo = new DemoSource(source, provider.GetRequiredService<IOptionsMonitor<DemoSourceOptions>>(), TimeProvider.System);
        return await demo.FetchStockListAsync(null, CancellationToken.None);
    }
}
