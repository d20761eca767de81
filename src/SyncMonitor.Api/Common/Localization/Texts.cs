using System.Globalization;
using System.Resources;

namespace SyncMonitor.Api.Common.Localization;

/// <summary>User-facing texts from <c>Texts.resx</c> (zh-CN, the default) and <c>Texts.en.resx</c>, in the request's UI
/// culture (set by request localization from <c>Accept-Language</c>) or an explicit one (a notification is written in
/// its recipient's language). Codes, enum values and field names are never translated.</summary>
public static class Texts
{
    private static readonly ResourceManager Resources = new("SyncMonitor.Api.Common.Localization.Texts", typeof(Texts).Assembly);

    /// <summary>The text in the current UI culture (the request's language).</summary>
    public static string Get(string key, params object?[] args) => In(CultureInfo.CurrentUICulture, key, args);

    /// <summary>The text in <paramref name="culture"/>; an unknown key comes back as the key, so a gap is visible.</summary>
    public static string In(CultureInfo culture, string key, params object?[] args)
    {
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>The text in <paramref name="culture"/>, or null when there is none for this key.</summary>
    public static string? Find(CultureInfo culture, string key) => Resources.GetString(key, culture);

    /// <summary>The problem title for a status code in the request's language, or null for a status without one.</summary>
    public static string? ProblemTitle(int status, bool validation)
        => validation ? Get("Problem.Validation") : Resources.GetString($"Problem.{status}", CultureInfo.CurrentUICulture);
}
