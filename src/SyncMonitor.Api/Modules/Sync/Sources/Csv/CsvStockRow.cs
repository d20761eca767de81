using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Sources.Csv;

/// <summary>One accepted row, already in stored units.</summary>
internal sealed record CsvStockRow(
    int Line,
    StockCode Code,
    string Name,
    string? Area,
    string? Industry,
    string Market,
    string? ListDate,
    string? TradeDate,
    IReadOnlyDictionary<string, double?> Numbers)
{
    public StockBasic ToStockBasic(DateTimeOffset now) => new StockBasic
    {
        Code = Code.Code,
        Symbol = Code.Code,
        Name = Name,
        Area = Area,
        Industry = Industry,
        Market = Market,
        ListDate = ListDate,
        Sse = Code.ExchangeName,
        FullSymbol = Code.FullSymbol,
        Category = "stock_cn",
        Source = SourceNames.Csv,
        UpdatedAt = now,
    }.WithFundamentals(Fundamentals(TradeDate ?? string.Empty, now)) with { TradeDate = TradeDate };

    /// <summary>The row's fundamentals as a daily-basic row, or null when it names no trade date.</summary>
    public DailyBasic? ToDailyBasic(DateTimeOffset now) => TradeDate is null ? null : Fundamentals(TradeDate, now);

    private DailyBasic Fundamentals(string tradeDate, DateTimeOffset now) => new()
    {
        Code = Code.Code,
        TradeDate = tradeDate,
        Source = SourceNames.Csv,
        Close = Number("close"),
        TurnoverRate = Number("turnover_rate"),
        VolumeRatio = Number("volume_ratio"),
        Pe = Number("pe"),
        PeTtm = Number("pe_ttm"),
        Pb = Number("pb"),
        Ps = Number("ps"),
        TotalShare = Number("total_share"),
        FloatShare = Number("float_share"),
        TotalMv = Number("total_mv"),
        CircMv = Number("circ_mv"),
        UpdatedAt = now,
    };

    private double? Number(string column) => Numbers.TryGetValue(column, out var value) ? value : null;
}
