namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>The caches of the stock read API, one per endpoint; each name prefixes its keys.</summary>
internal static class CacheNames
{
    public const string StocksList = "stocks_list";
    public const string StockDetail = "stock_detail";
    public const string DailyBasic = "stock_daily_basic";

    public static readonly IReadOnlyList<string> All = [StocksList, StockDetail, DailyBasic];

    /// <summary>The cache a stored key belongs to (<c>{name}:{rest}</c>), or null for HybridCache's own keys.</summary>
    public static string? Of(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var name = key.AsSpan(0, colon);
        foreach (var known in All)
        {
            if (name.SequenceEqual(known))
            {
                return known;
            }
        }

        return null;
    }
}
