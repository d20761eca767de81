using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary>Prometheus text exposition as the tests read it: <c>name{label="value",…} number</c> per line, comments
/// skipped, keyed by the series as printed.</summary>
internal static partial class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
        => text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success)
            .GroupBy(m => m.Groups["series"].Value)
            .ToDictionary(g => g.Key, g => double.Parse(g.First().Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>The series of <paramref name="name"/> that carry all of <paramref name="labels"/> (others may follow).</summary>
    public static List<KeyValuePair<string, double>> Matching(
        this Dictionary<string, double> samples, string name, params (string Label, string Value)[] labels)
        => samples.Where(s => s.Key.StartsWith(name + "{", StringComparison.Ordinal) || s.Key == name)
            .Where(s => labels.All(l => s.Key.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();

    /// <summary>The sum over the matching series; fails when none is exported.</summary>
    public static double Value(this Dictionary<string, double> samples, string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Matching(name, labels);
        matching.Should().NotBeEmpty($"{name} with {string.Join(",", labels)} is exported");
        return matching.Sum(s => s.Value);
    }

    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?)\s+(?<value>[-+0-9.eEnaNIf]+)")]
    private static partial Regex SampleLine();
}
