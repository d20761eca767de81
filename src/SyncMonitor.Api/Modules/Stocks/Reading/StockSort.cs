using System.Diagnostics.CodeAnalysis;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

internal enum StockSortField
{
    Code,
    TotalMv,
    CircMv,
    Pe,
    Pb,
}

/// <summary>The list order. Syntax: <c>total_mv</c> (ascending), <c>-total_mv</c> (descending), or the same as
/// <c>total_mv:asc</c> / <c>total_mv:desc</c>. Rows without a value come last in both directions; ties are broken by
/// code ascending, so paging is stable.</summary>
internal sealed record StockSort(StockSortField Field, bool Descending)
{
    public static readonly StockSort Default = new(StockSortField.Code, false);

    public static readonly IReadOnlyDictionary<string, StockSortField> Fields = new Dictionary<string, StockSortField>(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = StockSortField.Code,
        ["total_mv"] = StockSortField.TotalMv,
        ["circ_mv"] = StockSortField.CircMv,
        ["pe"] = StockSortField.Pe,
        ["pb"] = StockSortField.Pb,
    };

    /// <summary>The snake_case field name, as stored.</summary>
    public string FieldName => Fields.First(f => f.Value == Field).Key;

    /// <summary>One spelling per order (used in cache keys): <c>-total_mv</c> or <c>code</c>.</summary>
    public override string ToString() => (Descending ? "-" : string.Empty) + FieldName;

    public static bool TryParse(string? text, [NotNullWhen(true)] out StockSort? sort)
    {
        sort = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            sort = Default;
            return true;
        }

        var value = text.Trim();
        var descending = false;
        if (value.StartsWith('-'))
        {
            descending = true;
            value = value[1..];
        }
        else if (value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            var direction = value[(colon + 1)..];
            if (!direction.Equals("asc", StringComparison.OrdinalIgnoreCase) && !direction.Equals("desc", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            descending = direction.Equals("desc", StringComparison.OrdinalIgnoreCase);
            value = value[..colon];
        }

        if (!Fields.TryGetValue(value, out var field))
        {
            return false;
        }

        sort = new StockSort(field, descending);
        return true;
    }
}
