using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

/// <summary>A validated <c>GET /api/stocks</c> request. Filters apply to stored rows; among a code's rows that match,
/// the best source is shown (or only the named <see cref="Source"/>). <see cref="Keyword"/> is matched literally
/// against code or name, never as a pattern.</summary>
internal sealed record StockListQuery(int Page, int PageSize, string? Market, string? Industry, string? Keyword, string? Source, StockSort Sort)
{
    public const int MaxFilterLength = 50;
    public const int MaxPage = 100_000;

    /// <summary>Boards as stored in <c>market</c>, with ASCII aliases for callers who cannot type them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Markets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["主板"] = "主板",
        ["创业板"] = "创业板",
        ["科创板"] = "科创板",
        ["北交所"] = "北交所",
        ["main"] = "主板",
        ["chinext"] = "创业板",
        ["star"] = "科创板",
        ["bse"] = "北交所",
    };

    /// <summary>Every source name a row can carry.</summary>
    public static readonly IReadOnlyList<string> KnownSources =
        [SourceNames.Tushare, SourceNames.AkShare, SourceNames.BaoStock, SourceNames.Csv, SourceNames.Demo, SourceNames.DemoAlt];

    public int Offset => (Page - 1) * PageSize;

    /// <summary>Checks every parameter and reports all bad ones at once (400 with <c>errors</c> per field).</summary>
    public static StockListQuery Parse(int? page, int? pageSize, string? market, string? industry, string? keyword, string? source, string? sort)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var p = page ?? 1;
        if (p is < 1 or > MaxPage)
        {
            errors["page"] = [$"page must be between 1 and {MaxPage}."];
        }

        var size = pageSize ?? StocksApiPaths.DefaultPageSize;
        if (size is < 1 or > StocksApiPaths.MaxPageSize)
        {
            errors["page_size"] = [$"page_size must be between 1 and {StocksApiPaths.MaxPageSize}."];
        }

        string? board = null;
        if (!string.IsNullOrWhiteSpace(market) && !Markets.TryGetValue(market.Trim(), out board))
        {
            errors["market"] = ["market must be one of 主板, 创业板, 科创板, 北交所 (or main, chinext, star, bse)."];
        }

        string? sourceName = null;
        if (!string.IsNullOrWhiteSpace(source))
        {
            sourceName = KnownSources.FirstOrDefault(s => s.Equals(source.Trim(), StringComparison.OrdinalIgnoreCase));
            if (sourceName is null)
            {
                errors["source"] = [$"source must be one of {string.Join(", ", KnownSources)}."];
            }
        }

        if (!StockSort.TryParse(sort, out var order))
        {
            errors["sort"] = ["sort must be code, total_mv, circ_mv, pe or pb, optionally prefixed with - (descending) or suffixed with :asc / :desc."];
        }

        var industryFilter = Filter(industry, "industry", errors);
        var keywordFilter = Filter(keyword, "keyword", errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new StockListQuery(p, size, board, industryFilter, keywordFilter, sourceName, order!);
    }

    private static string? Filter(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxFilterLength || trimmed.Any(char.IsControl))
        {
            errors[field] = [$"{field} must be at most {MaxFilterLength} printable characters."];
            return null;
        }

        return trimmed;
    }
}
