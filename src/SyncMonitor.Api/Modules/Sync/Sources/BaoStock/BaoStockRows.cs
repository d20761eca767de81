using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>BaoStock rows → normalized records. <c>query_stock_basic</c>: code (<c>sh.600000</c>), code_name,
/// ipoDate, outDate, type (1 stock, 2 index, 3 other, 4 convertible, 5 ETF), status (1 listed, 0 delisted) — only
/// listed stocks are kept. <c>query_trade_dates</c>: calendar_date (<c>YYYY-MM-DD</c>), is_trading_day (0/1).</summary>
internal static class BaoStockRows
{
    public static readonly IReadOnlyCollection<string> StockBasicFields = ["code", "code_name", "ipoDate", "type", "status"];

    public static readonly IReadOnlyCollection<string> TradeDateFields = ["calendar_date", "is_trading_day"];

    public static IReadOnlyList<StockBasic> ToStockBasics(BaoStockTable table, DateTimeOffset now)
    {
        var result = new List<StockBasic>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            if (table.Value(row, "type") != "1" || table.Value(row, "status") != "1"
                || !StockCode.TryParse(table.Value(row, "code"), out var code))
            {
                continue;
            }

            result.Add(new StockBasic
            {
                Code = code.Code,
                Symbol = code.Code,
                Name = table.Value(row, "code_name") ?? string.Empty,
                Market = code.Board,
                ListDate = TradeDates.TryParse(table.Value(row, "ipoDate"), out var listed) ? TradeDates.Format(listed) : null,
                Sse = code.ExchangeName,
                FullSymbol = code.FullSymbol,
                Category = "stock_cn",
                Source = SourceNames.BaoStock,
                UpdatedAt = now,
            });
        }

        return result;
    }

    public static IReadOnlyList<TradeDay> ToTradeDays(BaoStockTable table)
    {
        var result = new List<TradeDay>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            if (TradeDates.TryParse(table.Value(row, "calendar_date"), out var date))
            {
                result.Add(new TradeDay("SSE", TradeDates.Format(date), table.Value(row, "is_trading_day") == "1"));
            }
        }

        return result;
    }
}
