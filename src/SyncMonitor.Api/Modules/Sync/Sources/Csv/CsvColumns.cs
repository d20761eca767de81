namespace SyncMonitor.Api.Modules.Sync.Sources.Csv;

/// <summary>The header of an importable CSV file: the document fields, in stored units.
/// Required: <c>code</c> (any form: 000001, 000001.SZ, sz.000001, SZ000001) and <c>name</c>.
/// Optional: area, industry, market (主板/创业板/科创板/北交所; derived from the code when empty or unknown),
/// list_date and trade_date (YYYYMMDD or YYYY-MM-DD), close (元), pe, pe_ttm, pb, ps, turnover_rate and
/// volume_ratio (plain numbers; turnover in %), total_share and float_share (万股), total_mv and circ_mv (亿元).
/// Other columns are ignored and listed in the import report. Column names are matched case-insensitively.</summary>
public static class CsvColumns
{
    public const string Code = "code";
    public const string Name = "name";
    public const string Area = "area";
    public const string Industry = "industry";
    public const string Market = "market";
    public const string ListDate = "list_date";
    public const string TradeDate = "trade_date";

    public static readonly IReadOnlyList<string> Required = [Code, Name];

    /// <summary>Numeric columns; shares and market values must not be negative.</summary>
    public static readonly IReadOnlyList<string> Numbers =
        ["close", "pe", "pe_ttm", "pb", "ps", "turnover_rate", "volume_ratio", "total_share", "float_share", "total_mv", "circ_mv"];

    public static readonly IReadOnlySet<string> NonNegative = new HashSet<string>(StringComparer.Ordinal)
        { "close", "total_share", "float_share", "total_mv", "circ_mv" };

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(
        [.. Required, Area, Industry, Market, ListDate, TradeDate, .. Numbers], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Boards = new HashSet<string>(StringComparer.Ordinal) { "主板", "创业板", "科创板", "北交所" };
}
