using System.Globalization;
using System.Text.Json;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary>AKShare records → normalized records. <c>stock_zh_a_spot_em</c> (Eastmoney): market values in 元 → 亿元;
/// 成交量 in 手 (lots of 100) → shares; total/float shares derived as market value ÷ price (元 ÷ 元/股) → 万股;
/// 市盈率-动态 (dynamic PE) is stored as <c>pe</c>, there is no TTM PE or PS in the snapshot.</summary>
internal static class AkShareRows
{
    public const string Code = "代码";
    public const string Name = "名称";
    public const string Price = "最新价";
    public const string Volume = "成交量";
    public const string VolumeRatio = "量比";
    public const string TurnoverRate = "换手率";
    public const string DynamicPe = "市盈率-动态";
    public const string Pb = "市净率";
    public const string TotalMv = "总市值";
    public const string CircMv = "流通市值";

    public static IEnumerable<DailyBasic> ToDailyBasics(IEnumerable<JsonElement> spot, string tradeDate, DateTimeOffset now)
        => spot.Select(record => ToDailyBasic(record, tradeDate, now)).OfType<DailyBasic>();

    /// <summary>One spot record, or null when its code is not an A-share code.</summary>
    public static DailyBasic? ToDailyBasic(JsonElement record, string tradeDate, DateTimeOffset now)
    {
        if (!StockCode.TryParse(Text(record, Code), out var code))
        {
            return null;
        }

        var price = Number(record, Price);
        var totalMv = Number(record, TotalMv);
        var circMv = Number(record, CircMv);
        return new DailyBasic
        {
            Code = code.Code,
            TradeDate = tradeDate,
            Source = SourceNames.AkShare,
            Close = price,
            TurnoverRate = Number(record, TurnoverRate),
            VolumeRatio = Number(record, VolumeRatio),
            Volume = Number(record, Volume) * 100,
            Pe = Number(record, DynamicPe),
            Pb = Number(record, Pb),
            TotalShare = Units.SharesToWan(SharesFrom(totalMv, price)),
            FloatShare = Units.SharesToWan(SharesFrom(circMv, price)),
            TotalMv = Units.YuanToYi(totalMv),
            CircMv = Units.YuanToYi(circMv),
            UpdatedAt = now,
        };
    }

    public static StockBasic ToStockBasic(JsonElement record, DailyBasic daily)
    {
        var code = StockCode.Parse(daily.Code);
        return new StockBasic
        {
            Code = code.Code,
            Symbol = code.Code,
            Name = Text(record, Name) ?? string.Empty,
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

    public static string? Text(JsonElement record, string column)
        => record.TryGetProperty(column, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    public static double? Number(JsonElement record, string column)
    {
        if (!record.TryGetProperty(column, out var value))
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
