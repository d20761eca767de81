namespace SyncMonitor.Api.Modules.Sync.Sources;

/// <summary>Which source's row of a code is shown when it has several: the real sources in the fallback order of
/// <c>Sources:Priority</c>, then <c>demo</c>, then <c>demo_alt</c>; any other source after those, by name. The Stocks
/// read model shows it; the Mongo store keeps it materialized per code (<c>best_of_code</c>) so the list sorts by index.</summary>
public static class SourceRanking
{
    public static IReadOnlyList<string> DisplayOrder(IEnumerable<string> realSources)
        => realSources.Select(s => s.Trim().ToLowerInvariant())
            .Where(s => s.Length > 0)
            .Append(SourceNames.Demo)
            .Append(SourceNames.DemoAlt)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary><paramref name="sources"/> best first under <paramref name="order"/>.</summary>
    public static IReadOnlyList<string> Rank(IEnumerable<string> sources, IReadOnlyList<string> order)
        => sources.Distinct(StringComparer.Ordinal)
            .OrderBy(s => order.IndexOf(s) is var i and >= 0 ? i : order.Count)
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether two orders choose the same best source among <paramref name="present"/> (sources with no rows
    /// do not matter).</summary>
    public static bool ChooseAlike(IReadOnlyList<string> a, IReadOnlyList<string> b, IReadOnlyCollection<string> present)
        => Rank(present, a).SequenceEqual(Rank(present, b), StringComparer.Ordinal);

    private static int IndexOf(this IReadOnlyList<string> order, string source)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], source, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
