using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>The stock fields a change set compares, by their stored names.</summary>
internal static class StockFields
{
    public static IReadOnlyDictionary<string, Func<StockBasic, string?>> Classification { get; } = new Dictionary<string, Func<StockBasic, string?>>
    {
        ["industry"] = s => s.Industry,
        ["market"] = s => s.Market,
        ["area"] = s => s.Area,
    };

    public static IReadOnlyDictionary<string, Func<StockBasic, double?>> Numeric { get; } = new Dictionary<string, Func<StockBasic, double?>>
    {
        ["close"] = s => s.Close,
        ["pe"] = s => s.Pe,
        ["pe_ttm"] = s => s.PeTtm,
        ["pb"] = s => s.Pb,
        ["ps"] = s => s.Ps,
        ["total_share"] = s => s.TotalShare,
        ["float_share"] = s => s.FloatShare,
        ["total_mv"] = s => s.TotalMv,
        ["circ_mv"] = s => s.CircMv,
    };

    /// <summary>Fields the guard's empty rule watches: a value stored before and none now.</summary>
    public static IReadOnlyDictionary<string, Func<StockBasic, bool>> Required { get; } = new Dictionary<string, Func<StockBasic, bool>>
    {
        ["industry"] = s => !string.IsNullOrWhiteSpace(s.Industry),
        ["list_date"] = s => !string.IsNullOrWhiteSpace(s.ListDate),
        ["close"] = s => s.Close is not null,
        ["total_mv"] = s => s.TotalMv is not null,
        ["circ_mv"] = s => s.CircMv is not null,
    };

    /// <summary><see cref="Classification"/> as an array, for per-row loops.</summary>
    public static (string Field, Func<StockBasic, string?> Read)[] ClassificationList { get; } =
        Classification.Select(f => (f.Key, f.Value)).ToArray();

    /// <summary><see cref="Required"/> as an array, for per-row loops.</summary>
    public static (string Field, Func<StockBasic, bool> Present)[] RequiredList { get; } =
        Required.Select(f => (f.Key, f.Value)).ToArray();
}
