using System.Globalization;

namespace SyncMonitor.Api.Common.Localization;

/// <summary>A text kept as its resource key and arguments, so whoever reads it later gets it in their own language
/// (a run's message, an alert's title). Arguments are codes and numbers, formatted invariantly.</summary>
public sealed record LocalizedText(string Key, IReadOnlyList<string> Args)
{
    public static LocalizedText Of(string key, params object?[] args)
        => new(key, args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToArray());

    public string In(CultureInfo culture) => Texts.In(culture, Key, [.. Args]);

    /// <summary>A message made of <paramref name="parts"/>, in <paramref name="culture"/>.</summary>
    public static string Join(IReadOnlyList<LocalizedText> parts, CultureInfo culture)
        => string.Join(Texts.In(culture, "Run.Separator"), parts.Select(p => p.In(culture)));

    /// <summary>The message stored with its parts, rendered for a reader in <paramref name="culture"/>: the parts are
    /// used only while <paramref name="stored"/> is still their default rendering, so a text written over it later
    /// (or stored before parts existed) reads as stored.</summary>
    public static string? ForReader(string? stored, IReadOnlyList<LocalizedText>? parts, CultureInfo culture)
        => parts is { Count: > 0 } && stored == Join(parts, LocalizationModule.DefaultCulture) ? Join(parts, culture) : stored;

    /// <summary>In the current UI culture (the request's language).</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
