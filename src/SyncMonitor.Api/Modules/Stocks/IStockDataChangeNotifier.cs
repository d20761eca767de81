namespace SyncMonitor.Api.Modules.Stocks;

/// <summary>Which stored stock data changed, so readers (caches) drop exactly what is stale. Null lists mean "all".</summary>
public sealed record StockDataChange(string Kind, IReadOnlyList<string>? Sources = null, IReadOnlyList<string>? Codes = null)
{
    public const string StockBasics = "stock_basic_info";
    public const string DailyBasic = "stock_daily_basic";
    public const string ConsistencyVerdicts = "consistency";
}

/// <summary>Told when stock data changes outside a sync run (e.g. a consistency resolve). Finished sync runs reach the
/// Stocks module through <c>ISyncRunListener</c>.</summary>
public interface IStockDataChangeNotifier
{
    Task StockDataChangedAsync(StockDataChange change, CancellationToken cancellationToken);
}
