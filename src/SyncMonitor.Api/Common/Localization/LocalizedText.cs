using System.Globalization;

namespace SyncMonitor.Api.Common.Localization;

/// <summary>A text kept as its resource key and arguments, so whoever reads it later gets it in their own language
/// (a run's message, an alert's title). Arguments are codes and numbers, formatted invariantly.</summary>
public sealed record LocalizedText(string Key, IReadOnlyList<string> Args)
{
    public static LocalizedText Of(string key, params object?[] args)
        => new(key, args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToArray());

    public string In(CultureInfo culture) => Texts.In(culture, Key, [.. Args]);

    /// <summary>In the current UI culture (the request's language).</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
