namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary>The documented differences between <c>demo</c> and <c>demo_alt</c>.
/// Everywhere else <c>demo_alt</c> deviates from <c>demo</c> by at most 40 % of each metric's tolerance,
/// so a correct consistency checker flags exactly these and nothing else:
/// <list type="bullet">
/// <item>every 97th listing (index 13, 110, 207, …) has one metric off by far more than its tolerance, the metric
/// rotating through pe, pb, total_mv, close, volume, turnover_rate;</item>
/// <item>every 499th listing (index 250, 749, …) is missing from <c>demo_alt</c>;</item>
/// <item><c>demo_alt</c> lists <see cref="AltOnlyCodes"/>, which <c>demo</c> does not have.</item>
/// </list></summary>
public static class DemoDiscrepancies
{
    /// <summary>Metric names as the consistency checker reports them, with their tolerance (SPEC §6.1).</summary>
    public static readonly IReadOnlyList<(string Metric, double Tolerance)> Metrics =
    [
        ("pe", 0.05), ("pb", 0.05), ("total_mv", 0.02), ("close", 0.01), ("volume", 0.10), ("turnover_rate", 0.05),
    ];

    public static readonly IReadOnlyList<string> AltOnlyCodes = ["600999", "000999", "300999"];

    /// <summary>(code, metric) pairs that differ beyond tolerance between the two variants.</summary>
    public static IReadOnlyDictionary<string, string> InjectedMetricByCode { get; } = BuildInjected();

    /// <summary>Codes <c>demo</c> has and <c>demo_alt</c> does not.</summary>
    public static IReadOnlySet<string> MissingFromAlt { get; } = DemoUniverse.Listings
        .Where((_, index) => IsMissingFromAlt(index))
        .Select(l => l.Code.Code)
        .ToHashSet();

    internal static bool IsMissingFromAlt(int index) => index % 499 == 250;

    internal static string? InjectedMetric(int index)
        => index % 97 == 13 && !IsMissingFromAlt(index) ? Metrics[(index / 97) % Metrics.Count].Metric : null;

    private static Dictionary<string, string> BuildInjected()
    {
        var injected = new Dictionary<string, string>();
        for (var i = 0; i < DemoUniverse.Listings.Count; i++)
        {
            if (InjectedMetric(i) is { } metric)
            {
                injected[DemoUniverse.Listings[i].Code.Code] = metric;
            }
        }

        return injected;
    }
}
