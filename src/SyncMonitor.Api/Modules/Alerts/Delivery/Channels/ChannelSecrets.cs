using System.Web;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>A channel's secrets — its Secret, its SMTP password, its URL's query values (robot access tokens,
/// WeCom's key) and user info — and how they are masked in responses, stored errors and logs.</summary>
internal static class ChannelSecrets
{
    public const string Mask = "***";

    /// <summary>Scheme, host, port and path; every query value and any user info replaced by the mask.</summary>
    public static string? MaskUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url is null ? null : Mask;
        }

        var masked = $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? string.Empty : ":" + uri.Port)}{uri.AbsolutePath}";
        var query = HttpUtility.ParseQueryString(uri.Query);
        var parts = query.AllKeys.Select(key => key is null ? Mask : $"{key}={Mask}").ToList();
        return parts.Count == 0 ? masked : masked + "?" + string.Join('&', parts);
    }

    /// <summary>Replaces every secret of the channel found in <paramref name="text"/>.</summary>
    public static string Redact(AlertChannelConfig channel, string text)
    {
        foreach (var secret in SecretsOf(channel).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<string> SecretsOf(AlertChannelConfig channel)
    {
        var settings = channel.Settings;
        foreach (var secret in new[] { settings.Secret, settings.Password, settings.Url })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                yield return secret;
            }
        }

        if (Uri.TryCreate(settings.Url, UriKind.Absolute, out var uri))
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            foreach (var value in query.AllKeys.SelectMany(k => query.GetValues(k) ?? []).Where(v => v.Length >= 4))
            {
                yield return value;
                yield return Uri.EscapeDataString(value);
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                yield return uri.UserInfo;
            }
        }
    }
}
