using System.Globalization;
using System.Text.Json;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary>AKShare records → normalized records, columns found through <see cref="SpotLayout"/>.
/// <c>stock_zh_a_spot_em</c> (Eastmoney): market values in 元 → 亿元;
/// 成交量 in 手 (lots of 100) → shares; total/float shares derived as market value ÷ price (元 ÷ 元/股) → 万股;
/// 市盈率-动态 (dynamic PE) is stored as <c>pe</c>, there is no TTM PE or PS in the snapshot.</summary>
internal static class AkShareRows
{
    public static IEnumerable<DailyBasic> ToDailyBasics(IEnumerable<JsonElement> spot, SpotLayout layout, string tradeDate, DateTimeOffset now)
        => spot.Select(record => ToDailyBasic(record, layout, tradeDate, now)).OfType<DailyBasic>();

    /// <summary>One spot record, or null when its code is not an A-share code. A column the answer lacks gives null,
    /// never 0 (the layout has already noted it as unavailable).</summary>
    public static DailyBasic? ToDailyBasic(JsonElement record, SpotLayout layout, string tradeDate, DateTimeOffset now)
    {
        if (!StockCode.TryParse(Text(record, layout.NameOf(SpotColumns.Code)), out var code))
        {
            return null;
        }

        var price = Number(record, layout.NameOf(SpotColumns.Price));
        var totalMv = Number(record, layout.NameOf(SpotColumns.TotalMv));
        var circMv = Number(record, layout.NameOf(SpotColumns.CircMv));
        return new DailyBasic
        {
            Code = code.Code,
            TradeDate = tradeDate,
            Source = SourceNames.AkShare,
            Close = price,
            TurnoverRate = Number(record, layout.NameOf(SpotColumns.TurnoverRate)),
            VolumeRatio = Number(record, layout.NameOf(SpotColumns.VolumeRatio)),
            Volume = Number(record, layout.NameOf(SpotColumns.Volume)) * 100,
            Pe = Number(record, layout.NameOf(SpotColumns.DynamicPe)),
            Pb = Number(record, layout.NameOf(SpotColumns.Pb)),
            TotalShare = Units.SharesToWan(SharesFrom(totalMv, price)),
            FloatShare = Units.SharesToWan(SharesFrom(circMv, price)),
            TotalMv = Units.YuanToYi(totalMv),
            CircMv = Units.YuanToYi(circMv),
            UpdatedAt = now,
        };
    }

    public static StockBasic ToStockBasic(JsonElement record, SpotLayout layout, DailyBasic daily)
    {
        var code = StockCode.Parse(daily.Code);
        return new StockBasic
        {
            Code = code.Code,
            Symbol = code.Code,
            Name = Text(record, layout.NameOf(SpotColumns.Name)) ?? string.Empty,
            Market = code.Board,
            Sse = code.ExchangeName,
            FullSymbol = code.FullSymbol,
            Category = "stock_cn",
            Source = SourceNames.AkShare,
            UpdatedAt = daily.UpdatedAt,
        }.WithFundamentals(daily);
    }

    /// <summary><c>tool_trade_date_hist_sina</c>: <c>[{"trade_date": "1990-12-19T00:00:00.000"}, …]</c>
    /// (AKTools serializes dates as ISO; plain dates and epoch milliseconds are accepted too).</summary>
    public static SortedSet<DateOnly> ToTradeDates(IEnumerable<JsonElement> records)
    {
        var dates = new SortedSet<DateOnly>();
        foreach (var record in records)
        {
            if (!record.TryGetProperty("trade_date", out var value))
            {
                throw new JsonException("tool_trade_date_hist_sina record has no trade_date");
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var epochMs))
            {
                dates.Add(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime));
            }
            else if (TradeDates.TryParse(value.ToString(), out var date))
            {
                dates.Add(date);
            }
            else
            {
                throw new JsonException($"tool_trade_date_hist_sina trade_date '{value}' is not a date");
            }
        }

        return dates;
    }

    public static string? Text(JsonElement record, string? column)
        => column is not null && record.TryGetProperty(column, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    public static double? Number(JsonElement record, string? column)
    {
        if (column is null || !record.TryGetProperty(column, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => Units.Finite(value.GetDouble()),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => Units.Finite(parsed),
            _ => null,
        };
    }

    private static double? SharesFrom(double? marketValue, double? price) => price is > 0 ? marketValue / price : null;
}
