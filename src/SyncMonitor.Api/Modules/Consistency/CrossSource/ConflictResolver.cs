namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>How a resolve chooses values. <see cref="Recommended"/> (the default) follows each stock's
/// recommendation: any <c>use_*</c> action takes the primary's values, <c>investigate_sources</c> chooses nothing
/// and flags the stock.</summary>
public enum ResolveStrategy
{
    Recommended,
    Primary,
    Secondary,
    Average,
    Investigate,
}

/// <summary>One stock's change as a resolve reports it: every metric whose chosen value differs from the primary's
/// (the baseline the store already has), or every metric when the stock was flagged.</summary>
public sealed record ResolvedStockChange(string Code, string Applied, bool Flagged, IReadOnlyList<ResolvedMetric> Metrics);

public sealed record ResolvedMetric(string Metric, double? Primary, double? Secondary, double? Chosen);

/// <summary>Produces the chosen values per stock (SPEC §6.1 "resolve"). A side that lacks a metric gives way to the
/// other side (primary/secondary/average alike), so a value is chosen whenever either source has one.</summary>
public static class ConflictResolver
{
    public const string Primary = "primary";
    public const string Secondary = "secondary";
    public const string Average = "average";
    public const string Investigate = "investigate";

    public static bool TryParse(string? text, out ResolveStrategy strategy)
    {
        strategy = ResolveStrategy.Recommended;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // Names only: Enum.TryParse would also take "1" or "-3".
        var name = text.Trim();
        return name.All(char.IsAsciiLetter) && Enum.TryParse(name, ignoreCase: true, out strategy);
    }

    public static string Name(ResolveStrategy strategy)
        => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(strategy.ToString());

    public static StockResolution Resolve(StockConsistency stock, ResolveStrategy strategy, DateTimeOffset at, string by)
    {
        var applied = strategy switch
        {
            ResolveStrategy.Recommended => stock.RecommendedAction == RecommendedActions.InvestigateSources ? Investigate : Primary,
            _ => Name(strategy),
        };
        var chosen = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (metric, difference) in stock.Differences)
        {
            chosen[metric] = Choose(applied, difference.Primary, difference.Secondary);
        }

        return new StockResolution(applied, applied == Investigate, chosen, at, by);
    }

    /// <summary>What changed for the stock relative to its primary values; null when nothing did.</summary>
    public static ResolvedStockChange? ChangeOf(StockConsistency stock, StockResolution resolution)
    {
        var metrics = stock.Differences
            .Select(d => new ResolvedMetric(d.Key, d.Value.Primary, d.Value.Secondary, resolution.Chosen.GetValueOrDefault(d.Key)))
            .Where(m => resolution.Flagged || m.Chosen != m.Primary)
            .ToList();
        return metrics.Count == 0 && !resolution.Flagged ? null : new ResolvedStockChange(stock.Code, resolution.Applied, resolution.Flagged, metrics);
    }

    private static double? Choose(string applied, double? primary, double? secondary) => applied switch
    {
        Primary => primary ?? secondary,
        Secondary => secondary ?? primary,
        Average => primary is { } p && secondary is { } s ? (p + s) / 2 : primary ?? secondary,
        _ => null,
    };
}
