using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>What each cached answer depends on, as HybridCache tags, and which tags a data change removes.
/// <list type="bullet">
/// <item>list without a source filter: <c>stocks:list</c>, <c>stocks:list:best</c> (rows of every source);</item>
/// <item>list of one source: <c>stocks:list</c>, <c>stocks:list:source:{s}</c>;</item>
/// <item>detail of a code: <c>stocks:detail</c>, <c>stocks:code:{c}</c>, <c>daily:code:{c}</c> (it carries the latest daily basic);</item>
/// <item>daily series of a code: <c>daily:series</c>, <c>daily:code:{c}</c>.</item>
/// </list>
/// A change of stock basics of some sources removes the best-source lists and those sources' lists (all lists when the
/// sources are unknown) and the details of the changed codes (all details when the codes are unknown); a change of daily
/// data removes the series and details of the changed codes (all when unknown); a new consistency verdict removes
/// the details. A stock-basics change of demo_alt never touches a list filtered to demo.</summary>
internal static class CacheTags
{
    public const string Lists = "stocks:list";
    public const string BestSourceLists = "stocks:list:best";
    public const string Details = "stocks:detail";
    public const string DailySeries = "daily:series";

    public static string SourceList(string source) => "stocks:list:source:" + source;

    public static string Code(string code) => "stocks:code:" + code;

    public static string DailyCode(string code) => "daily:code:" + code;

    public static IReadOnlyList<string> ForList(string? source)
        => [Lists, source is null ? BestSourceLists : SourceList(source)];

    public static IReadOnlyList<string> ForDetail(string code) => [Details, Code(code), DailyCode(code)];

    public static IReadOnlyList<string> ForDailySeries(string code) => [DailySeries, DailyCode(code)];

    /// <summary>The tags to remove so that nothing cached before <paramref name="change"/> is served after it.</summary>
    public static IReadOnlyList<string> ToRemove(StockDataChange change)
    {
        var codes = change.Codes?.Select(Normalize).Where(c => c is not null).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
        var sources = change.Sources?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var tags = new List<string>();
        switch (change.Kind)
        {
            case StockDataChange.StockBasics:
                if (sources is null or { Count: 0 })
                {
                    tags.Add(Lists);
                }
                else
                {
                    tags.Add(BestSourceLists);
                    tags.AddRange(sources.Select(SourceList));
                }

                tags.AddRange(codes is null or { Count: 0 } ? [Details] : codes.Select(Code));
                break;
            case StockDataChange.DailyBasic:
                tags.AddRange(codes is null or { Count: 0 } ? [DailySeries, Details] : codes.Select(DailyCode));
                break;
            case StockDataChange.ConsistencyVerdicts:
                tags.AddRange(codes is null or { Count: 0 } ? [Details] : codes.Select(Code));
                break;
            default:
                // An unknown kind of change: drop everything this module caches rather than risk serving stale data.
                tags.AddRange([Lists, Details, DailySeries]);
                break;
        }

        return tags;
    }

    /// <summary>The caches holding entries with this tag (for invalidation counts).</summary>
    public static IReadOnlyList<string> CachesOf(string tag) => tag switch
    {
        _ when tag.StartsWith("stocks:list", StringComparison.Ordinal) => [CacheNames.StocksList],
        Details => [CacheNames.StockDetail],
        _ when tag.StartsWith("stocks:code:", StringComparison.Ordinal) => [CacheNames.StockDetail],
        DailySeries => [CacheNames.DailyBasic],
        _ when tag.StartsWith("daily:code:", StringComparison.Ordinal) => [CacheNames.DailyBasic, CacheNames.StockDetail],
        _ => [],
    };

    private static string? Normalize(string code) => StockCode.TryParse(code, out var parsed) ? parsed.Code : null;
}
