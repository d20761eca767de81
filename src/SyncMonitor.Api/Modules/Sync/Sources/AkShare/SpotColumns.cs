using System.Text.Json;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary>One column of <c>stock_zh_a_spot_em</c> the source reads: the stored fields it feeds and every name it is
/// known under, the current AKShare name first.</summary>
internal sealed record SpotColumn(IReadOnlyList<string> Feeds, IReadOnlyList<string> Names);

/// <summary>The alias table of the spot snapshot. Current names are those of AKShare's <c>stock_zh_a_spot_em</c>
/// (<c>akshare/stock_feature/stock_hist_em.py</c>, documented in <c>docs/data/stock/stock.md</c>: 成交量 in 手, 成交额 /
/// 总市值 / 流通市值 in 元, 换手率 in %). Older releases lacked columns: before 1.6.9 ("新增多个字段", 2021) the snapshot
/// had no 总市值 or 流通市值. 市盈率(动态) is how Eastmoney's own quote page titles the same figure (its field f9) and
/// how other AKShare/Eastmoney tables name it; 动态市盈率 is the plain wording some wrappers use.</summary>
internal static class SpotColumns
{
    public static readonly SpotColumn Code = new(["code"], ["代码"]);
    public static readonly SpotColumn Name = new(["name"], ["名称"]);
    public static readonly SpotColumn Price = new(["close", "total_share", "float_share"], ["最新价"]);
    public static readonly SpotColumn Volume = new(["volume"], ["成交量"]);
    public static readonly SpotColumn VolumeRatio = new(["volume_ratio"], ["量比"]);
    public static readonly SpotColumn TurnoverRate = new(["turnover_rate"], ["换手率"]);
    public static readonly SpotColumn DynamicPe = new(["pe"], ["市盈率-动态", "市盈率(动态)", "动态市盈率"]);
    public static readonly SpotColumn Pb = new(["pb"], ["市净率"]);
    public static readonly SpotColumn TotalMv = new(["total_mv", "total_share"], ["总市值"]);
    public static readonly SpotColumn CircMv = new(["circ_mv", "float_share"], ["流通市值"]);

    /// <summary>Columns whose absence only empties the fields they feed; without <see cref="Code"/> or
    /// <see cref="Name"/> the snapshot is unusable.</summary>
    public static readonly IReadOnlyList<SpotColumn> Optional = [Price, Volume, VolumeRatio, TurnoverRate, DynamicPe, Pb, TotalMv, CircMv];
}

/// <summary>Which name each column has in one answer. AKTools writes every record with every column of the frame
/// (<c>DataFrame.to_json(orient="records")</c>, NaN as null), so the first record tells the layout of all.</summary>
internal sealed class SpotLayout
{
    private readonly Dictionary<SpotColumn, string> _names;

    private SpotLayout(Dictionary<SpotColumn, string> names, IReadOnlyList<string> warnings)
    {
        _names = names;
        Warnings = warnings;
    }

    /// <summary>"field unavailable" notes for the run record, one per missing column.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static SpotLayout Of(IReadOnlyList<JsonElement> records, string function)
    {
        var present = records.Count > 0 && records[0].ValueKind == JsonValueKind.Object
            ? records[0].EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var names = new Dictionary<SpotColumn, string>();
        foreach (var column in (SpotColumn[])[SpotColumns.Code, SpotColumns.Name, .. SpotColumns.Optional])
        {
            if (column.Names.FirstOrDefault(present.Contains) is { } name)
            {
                names[column] = name;
            }
        }

        if (records.Count > 0 && (!names.ContainsKey(SpotColumns.Code) || !names.ContainsKey(SpotColumns.Name)))
        {
            throw new JsonException($"{function} has no {SpotColumns.Code.Names[0]}/{SpotColumns.Name.Names[0]} column (columns: {string.Join(", ", present)})");
        }

        var warnings = records.Count == 0
            ? []
            : SpotColumns.Optional.Where(c => !names.ContainsKey(c))
                .Select(c => $"akshare {function}: field unavailable: no {string.Join("/", c.Names)} column, so {string.Join(", ", c.Feeds)} stored empty")
                .ToList();
        return new SpotLayout(names, warnings);
    }

    /// <summary>The column's name in this answer, or null when the answer lacks it.</summary>
    public string? NameOf(SpotColumn column) => _names.GetValueOrDefault(column);
}
