using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>The column lists and row mappings of <c>stock_basic_info</c> and <c>stock_daily_basic</c>, in one place for
/// the Sync stores that write them and the read model (the Stocks module) that queries them; here, so that neither
/// module reaches into the other's storage.</summary>
internal static class MarketDataRows
{
    public static readonly string[] StockBasicColumnNames =
    [
        "code", "source", "symbol", "name", "area", "industry", "market", "list_date", "sse", "full_symbol", "category",
        "updated_at", "trade_date", "close", "pe", "pe_ttm", "pb", "ps", "turnover_rate", "volume_ratio", "volume",
        "total_share", "float_share", "total_mv", "circ_mv",
    ];

    public static readonly string[] DailyBasicColumnNames =
    [
        "code", "trade_date", "source", "close", "turnover_rate", "volume_ratio", "volume", "pe", "pe_ttm", "pb", "ps",
        "total_share", "float_share", "total_mv", "circ_mv", "updated_at",
    ];

    /// <summary>The stock columns in <see cref="ReadStockBasic"/>'s order, optionally prefixed by a table alias.</summary>
    public static string StockBasicColumns(string? alias = null) => Join(StockBasicColumnNames, alias);

    public static string DailyBasicColumns(string? alias = null) => Join(DailyBasicColumnNames, alias);

    public static StockBasic ReadStockBasic(SqliteDataReader r) => new()
    {
        Code = r.GetString(0),
        Source = r.GetString(1),
        Symbol = r.GetString(2),
        Name = r.GetString(3),
        Area = r.GetNullableString(4),
        Industry = r.GetNullableString(5),
        Market = r.GetNullableString(6),
        ListDate = r.GetNullableString(7),
        Sse = r.GetNullableString(8),
        FullSymbol = r.GetString(9),
        Category = r.GetNullableString(10),
        UpdatedAt = r.GetStoredTime(11),
        TradeDate = r.GetNullableString(12),
        Close = r.GetNullableDouble(13),
        Pe = r.GetNullableDouble(14),
        PeTtm = r.GetNullableDouble(15),
        Pb = r.GetNullableDouble(16),
        Ps = r.GetNullableDouble(17),
        TurnoverRate = r.GetNullableDouble(18),
        VolumeRatio = r.GetNullableDouble(19),
        Volume = r.GetNullableDouble(20),
        TotalShare = r.GetNullableDouble(21),
        FloatShare = r.GetNullableDouble(22),
        TotalMv = r.GetNullableDouble(23),
        CircMv = r.GetNullableDouble(24),
    };

    public static DailyBasic ReadDailyBasic(SqliteDataReader r) => new()
    {
        Code = r.GetString(0),
        TradeDate = r.GetString(1),
        Source = r.GetString(2),
        Close = r.GetNullableDouble(3),
        TurnoverRate = r.GetNullableDouble(4),
        VolumeRatio = r.GetNullableDouble(5),
        Volume = r.GetNullableDouble(6),
        Pe = r.GetNullableDouble(7),
        PeTtm = r.GetNullableDouble(8),
        Pb = r.GetNullableDouble(9),
        Ps = r.GetNullableDouble(10),
        TotalShare = r.GetNullableDouble(11),
        FloatShare = r.GetNullableDouble(12),
        TotalMv = r.GetNullableDouble(13),
        CircMv = r.GetNullableDouble(14),
        UpdatedAt = r.GetStoredTime(15),
    };

    private static string Join(string[] names, string? alias)
        => string.Join(", ", alias is null ? names : names.Select(n => $"{alias}.{n}"));
}
