using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SyncMonitor.Api.Modules.Alerts.Delivery;

/// <summary>Checks <c>Alerts:Channels</c>, <c>Alerts:Delivery</c> and <c>Alerts:PublicBaseUrl</c> on start. Messages
/// name the key, never its value (a value may be a secret).</summary>
internal sealed partial class AlertChannelsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
        {
            errors.Add("Alerts:PublicBaseUrl must be an absolute http(s) URL.");
        }

        ValidateDelivery(options.Delivery, errors);
        foreach (var (channelName, channel) in options.Channels)
        {
            ValidateChannel(channelName, channel, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The parsed channel, or null with the reasons added to <paramref name="errors"/>.</summary>
    internal static AlertChannelConfig? ValidateChannel(string name, AlertChannelOptions channel, List<string> errors)
    {
        var key = $"Alerts:Channels:{name}";
        var before = errors.Count;
        if (!ChannelName().IsMatch(name))
        {
            errors.Add($"{key}: a channel name must be 1-64 letters, digits, '-' or '_'.");
        }

        if (!AlertChannelNames.TryParseType(channel.Type, out var type))
        {
            errors.Add($"{key}:Type must be one of email, dingtalk, wecom, webhook.");
            return null;
        }

        if (!AlertNames.TryParseLevel(channel.MinLevel, out var minLevel))
        {
            errors.Add($"{key}:MinLevel must be one of low, medium, high, critical.");
        }

        foreach (var rule in channel.Rules.Where(r => !RuleName().IsMatch(r ?? string.Empty)))
        {
            errors.Add($"{key}:Rules contains an entry that is not a rule name (letters, digits, '_').");
        }

        var tls = SmtpTlsMode.Auto;
        var recipients = Array.Empty<MailboxAddress>();
        if (type == AlertChannelType.Email)
        {
            (tls, recipients) = ValidateEmail(key, channel, errors);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(channel.Url) || !IsHttpUrl(channel.Url))
            {
                errors.Add($"{key}:Url must be an absolute http(s) URL.");
            }

            if (type == AlertChannelType.WeCom && !string.IsNullOrEmpty(channel.Secret))
            {
                errors.Add($"{key}:Secret is not used by a wecom robot (its key= in Url is the credential); remove it.");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new AlertChannelConfig(name, type, channel.Enabled, minLevel,
            channel.Rules.ToHashSet(StringComparer.Ordinal), channel, tls, recipients);
    }

    private static (SmtpTlsMode Tls, MailboxAddress[] To) ValidateEmail(string key, AlertChannelOptions channel, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(channel.Host))
        {
            errors.Add($"{key}:Host is required for an email channel.");
        }

        if (channel.Port is < 0 or > 65535)
        {
            errors.Add($"{key}:Port must be between 1 and 65535 (0: 465 for implicit TLS, else 25).");
        }

        if (!AlertChannelNames.TryParseTls(channel.Tls, out var tls))
        {
            errors.Add($"{key}:Tls must be one of auto, none, starttls, implicit.");
        }

        if (string.IsNullOrEmpty(channel.User) != string.IsNullOrEmpty(channel.Password))
        {
            errors.Add($"{key}: User and Password go together (both set, or neither).");
        }

        if (!MailboxAddress.TryParse(channel.From ?? string.Empty, out _))
        {
            errors.Add($"{key}:From must be one e-mail address.");
        }

        var to = (channel.To ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = to.Select(a => MailboxAddress.TryParse(a, out var address) ? address : null).ToArray();
        if (to.Length == 0 || parsed.Any(a => a is null))
        {
            errors.Add($"{key}:To must be one or more comma-separated e-mail addresses.");
        }

        if (!string.IsNullOrEmpty(channel.CertificateSha256) && !Sha256Hex().IsMatch(channel.CertificateSha256.Replace(":", string.Empty, StringComparison.Ordinal)))
        {
            errors.Add($"{key}:CertificateSha256 must be 64 hexadecimal digits (colons allowed).");
        }

        return (tls, parsed.OfType<MailboxAddress>().ToArray());
    }

    private static void ValidateDelivery(AlertDeliveryOptions delivery, List<string> errors)
    {
        const string key = "Alerts:Delivery";
        Check(delivery.MaxAttempts is >= 1 and <= 50, $"{key}:MaxAttempts must be between 1 and 50.");
        Check(delivery.RetryBaseDelaySeconds is >= 0.01 and <= 3600, $"{key}:RetryBaseDelaySeconds must be between 0.01 and 3600.");
        Check(delivery.MaxRetryDelaySeconds >= delivery.RetryBaseDelaySeconds && delivery.MaxRetryDelaySeconds <= 86400,
            $"{key}:MaxRetryDelaySeconds must be at least RetryBaseDelaySeconds and at most 86400.");
        Check(delivery.SendTimeoutSeconds is >= 0.1 and <= 300, $"{key}:SendTimeoutSeconds must be between 0.1 and 300.");
        Check(delivery.LeaseSeconds >= 2 * delivery.SendTimeoutSeconds && delivery.LeaseSeconds <= 3600,
            $"{key}:LeaseSeconds must be at least twice SendTimeoutSeconds (a send never outlives its lease) and at most 3600.");
        Check(delivery.PollSeconds is >= 0.05 and <= 300, $"{key}:PollSeconds must be between 0.05 and 300.");
        Check(delivery.DigestThreshold is >= 1 and <= 20, $"{key}:DigestThreshold must be between 1 and 20 (robots accept 20 messages a minute).");
        Check(delivery.DigestWindowSeconds is >= 1 and <= 3600, $"{key}:DigestWindowSeconds must be between 1 and 3600.");
        Check(delivery.MaxDigestEvents is >= 2 and <= 500, $"{key}:MaxDigestEvents must be between 2 and 500.");
        Check(delivery.FailingAfterAttempts >= 1, $"{key}:FailingAfterAttempts must be at least 1.");

        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }
    }

    private static bool IsHttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ChannelName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex RuleName();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Hex();
}
