using System.Text;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>How meter instrument and tag names become Prometheus names (the same rule prometheus-net uses):
/// lowercase, every character outside [a-z0-9_] becomes '_', a leading digit gets a '_' in front.</summary>
internal static class PrometheusNames
{
    public const string CounterSuffix = "_total";

    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name.ToLowerInvariant())
        {
            if (builder.Length == 0 && c is >= '0' and <= '9')
            {
                builder.Append('_');
            }

            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }

    /// <summary>A counter's exported name ends in <c>_total</c> (added when the instrument name lacks it).</summary>
    public static string Counter(string instrumentName)
    {
        var name = Sanitize(instrumentName);
        return name.EndsWith(CounterSuffix, StringComparison.Ordinal) ? name : name + CounterSuffix;
    }
}
