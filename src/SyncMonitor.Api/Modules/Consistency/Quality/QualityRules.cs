using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary>A field every stored stock row should have, for completeness.</summary>
public sealed record RequiredField(string Name, Func<StockBasic, bool> IsPresent);

/// <summary>A validity rule: <see cref="IsValid"/> is only asked about rows where the values it needs are present
/// (a missing value is a completeness problem, not a validity one).</summary>
public sealed record ValidityRule(string Name, string Description, Func<StockBasic, bool> IsValid);

/// <summary>What "complete" and "valid" mean for a row of <c>stock_basic_info</c> (SPEC §6.3).</summary>
public static class QualityRules
{
    public const double MinPe = -1000;
    public const double MaxPe = 10_000;
    public const double MaxPb = 1000;

    /// <summary>Rounding slack for circ_mv ≤ total_mv: both come from one close price, so only float noise may differ.</summary>
    private const double MarketValueSlack = 1e-9;

    /// <summary>Identity, board, listing date, the trade date the fundamentals belong to, and the fundamentals the
    /// read API and the consistency checker rely on.</summary>
    public static IReadOnlyList<RequiredField> RequiredFields { get; } =
    [
        new("code", r => !string.IsNullOrWhiteSpace(r.Code)),
        new("name", r => !string.IsNullOrWhiteSpace(r.Name)),
        new("full_symbol", r => !string.IsNullOrWhiteSpace(r.FullSymbol)),
        new("market", r => !string.IsNullOrWhiteSpace(r.Market)),
        new("list_date", r => !string.IsNullOrWhiteSpace(r.ListDate)),
        new("trade_date", r => !string.IsNullOrWhiteSpace(r.TradeDate)),
        new("close", r => Present(r.Close)),
        new("pe", r => Present(r.Pe)),
        new("pb", r => Present(r.Pb)),
        new("total_mv", r => Present(r.TotalMv)),
        new("circ_mv", r => Present(r.CircMv)),
    ];

    public static IReadOnlyList<ValidityRule> ValidityRules { get; } =
    [
        new("code_format", "code is 6 digits and full_symbol is that code with its exchange's suffix (000001.SZ, 600000.SH)", HasWellFormedCode),
        new("total_mv_positive", "total_mv > 0", r => r.TotalMv is not { } mv || mv > 0),
        new("circ_mv_not_above_total_mv", "circ_mv <= total_mv", r => r.CircMv is not { } circ || r.TotalMv is not { } total
            || circ <= total + (Math.Abs(total) * MarketValueSlack)),
        new("pe_plausible", $"{MinPe} <= pe <= {MaxPe}", r => r.Pe is not { } pe || pe is >= MinPe and <= MaxPe),
        new("pb_plausible", $"0 < pb <= {MaxPb}", r => r.Pb is not { } pb || pb is > 0 and <= MaxPb),
    ];

    private static bool Present(double? value) => value is { } v && double.IsFinite(v);

    private static bool HasWellFormedCode(StockBasic row)
        => row.Code.Length == 6 && row.Code.All(char.IsAsciiDigit)
           && row.FullSymbol.Length == 9 && row.FullSymbol[6] == '.'
           && StockCode.TryParse(row.FullSymbol, out var parsed) && parsed.Code == row.Code
           && (StockCode.InferExchange(row.Code) is not { } expected || expected == parsed.Exchange);
}
