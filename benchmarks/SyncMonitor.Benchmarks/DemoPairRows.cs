using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.Benchmarks;

/// <summary>The demo pair's stock rows as a sync stores them (~5,000 codes each, demo_alt with its discrepancies).</summary>
internal static class DemoPairRows
{
    public const string TradeDate = "20250305";

    public static IReadOnlyList<StockBasic> For(string source)
    {
        var now = DateTimeOffset.UtcNow;
        return DemoUniverse.Listings
            .Select((listing, index) => (listing, index))
            .Where(x => source == DemoMarket.Primary || !DemoDiscrepancies.IsMissingFromAlt(x.index))
            .Select(x => Row(x.listing, source, now).WithFundamentals(DemoMarket.Daily(x.listing, x.index, TradeDate, source, now)))
            .ToList();
    }

    private static StockBasic Row(DemoListing listing, string source, DateTimeOffset now) => new()
    {
        Code = listing.Code.Code,
        Symbol = listing.Code.Code,
        Name = listing.Name,
        Industry = listing.Industry,
        Area = listing.Area,
        Market = listing.Code.Board,
        ListDate = listing.ListDate,
        Sse = listing.Code.ExchangeName,
        FullSymbol = listing.Code.FullSymbol,
        Category = "stock_cn",
        Source = source,
        UpdatedAt = now,
    };
}
