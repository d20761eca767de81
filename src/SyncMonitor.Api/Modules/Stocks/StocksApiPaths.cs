namespace SyncMonitor.Api.Modules.Stocks;

/// <summary>The stock read API (SPEC §8b) and the cache statistics.</summary>
public static class StocksApiPaths
{
    public const string List = "/api/stocks";
    public const string Item = List + "/{code}";
    public const string DailyBasic = Item + "/daily_basic";
    public const string CacheStatistics = "/api/monitoring/cache";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;
    public const int MaxDailyRangeDays = 366;
    public const int DefaultDailyDays = 30;

    public static string ItemFor(string code) => $"{List}/{Uri.EscapeDataString(code)}";

    public static string DailyBasicFor(string code) => $"{ItemFor(code)}/daily_basic";
}
