using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary>Tushare rows → normalized records: codes from <c>ts_code</c>, market values 万元 → 亿元, shares already 万股.</summary>
internal static class TushareRows
{
    public static IReadOnlyList<StockBasic> ToStockBasics(TushareTable table, DateTimeOffset now)
    {
        var result = new List<StockBasic>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            if (!StockCode.TryParse(table.Text(row, "ts_code"), out var code))
            {
                continue; // not an A-share code (Tushare lists none, but a stray row must not sink the list)
            }

            result.Add(new StockBasic
            {
                Code = code.Code,
                Symbol = code.Code,
                Name = table.Text(row, "name") ?? string.Empty,
                Area = table.Text(row, "area"),
                Industry = table.Text(row, "industry"),
                Market = code.Board,
                ListDate = table.Text(row, "list_date"),
                Sse = code.ExchangeName,
                FullSymbol = code.FullSymbol,
                Category = "stock_cn",
                Source = SourceNames.Tushare,
                UpdatedAt = now,
            });
        }

        return result;
    }

    public static IReadOnlyList<DailyBasic> ToDailyBasics(TushareTable table, DateTimeOffset now)
    {
        var result = new List<DailyBasic>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            if (!StockCode.TryParse(table.Text(row, "ts_code"), out var code) || table.Text(row, "trade_date") is not { } tradeDate)
            {
                continue;
            }

            result.Add(new DailyBasic
            {
                Code = code.Code,
                TradeDate = tradeDate,
                Source = SourceNames.Tushare,
                Close = table.Number(row, "close"),
                TurnoverRate = table.Number(row, "turnover_rate"),
                VolumeRatio = table.Number(row, "volume_ratio"),
                Pe = table.Number(row, "pe"),
                PeTtm = table.Number(row, "pe_ttm"),
                Pb = table.Number(row, "pb"),
                Ps = table.Number(row, "ps"),
                TotalShare = table.Number(row, "total_share"),
                FloatShare = table.Number(row, "float_share"),
                TotalMv = Units.WanYuanToYi(table.Number(row, "total_mv")),
                CircMv = Units.WanYuanToYi(table.Number(row, "circ_mv")),
                UpdatedAt = now,
            });
        }

        return result;
    }

    public static IReadOnlyList<TradeDay> ToTradeDays(TushareTable table)
        => table.Rows
            .Where(row => table.Text(row, "cal_date") is not null)
            .Select(row => new TradeDay(table.Text(row, "exchange") ?? "SSE", table.Text(row, "cal_date")!, table.Number(row, "is_open") == 1))
            .OrderBy(day => day.CalDate, StringComparer.Ordinal)
            .ToList();
}
