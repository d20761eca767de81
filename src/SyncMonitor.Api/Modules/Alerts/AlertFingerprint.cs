using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The identity of an alert: rule + labels sorted by name, hashed. Each part is length-prefixed so
/// no choice of label values can make two different label sets hash alike.</summary>
internal static partial class AlertFingerprint
{
    public static string Compute(string rule, IReadOnlyDictionary<string, string> labels)
    {
        var canonical = new StringBuilder();
        Append(canonical, rule);
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Append(canonical, name);
            Append(canonical, value);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Rule and label names are code-chosen identifiers; label names also become Mongo field names,
    /// so they are kept to a safe alphabet. A bad name is a programming error and throws.</summary>
    public static void Validate(string rule, IReadOnlyDictionary<string, string> labels)
    {
        if (!SafeName().IsMatch(rule))
        {
            throw new ArgumentException($"Alert rule '{rule}' must match {SafeName()}.", nameof(rule));
        }

        foreach (var (name, value) in labels)
        {
            if (!SafeName().IsMatch(name))
            {
                throw new ArgumentException($"Alert label name '{name}' must match {SafeName()}.", nameof(labels));
            }

            ArgumentNullException.ThrowIfNull(value, nameof(labels));
        }
    }

    private static void Append(StringBuilder canonical, string part)
        => canonical.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex SafeName();
}
