using Microsoft.Extensions.Options;
using MimeKit;

namespace SyncMonitor.Api.Modules.Alerts.Delivery;

/// <summary>A validated channel: its name, type, filters and raw settings.</summary>
internal sealed record AlertChannelConfig(
    string Name,
    AlertChannelType Type,
    bool Enabled,
    AlertLevel MinLevel,
    IReadOnlySet<string> Rules,
    AlertChannelOptions Settings,
    SmtpTlsMode Tls,
    IReadOnlyList<MailboxAddress> Recipients)
{
    public bool Accepts(string rule, AlertLevel level) => Enabled && level >= MinLevel && (Rules.Count == 0 || Rules.Contains(rule));

    public int SmtpPort => Settings.Port > 0 ? Settings.Port : Tls == SmtpTlsMode.Implicit ? 465 : 25;
}

/// <summary>The configured channels, parsed once (options were validated on start).</summary>
internal sealed class AlertChannelCatalog
{
    public AlertChannelCatalog(IOptions<AlertsOptions> options)
    {
        var errors = new List<string>();
        All = options.Value.Channels
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => AlertChannelsValidator.ValidateChannel(c.Key, c.Value, errors))
            .OfType<AlertChannelConfig>()
            .ToList();
    }

    public IReadOnlyList<AlertChannelConfig> All { get; }

    public IEnumerable<AlertChannelConfig> Enabled => All.Where(c => c.Enabled);

    public AlertChannelConfig? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Wire names of channel types and TLS modes.</summary>
internal static class AlertChannelNames
{
    public static string Of(AlertChannelType type) => type switch
    {
        AlertChannelType.Email => "email",
        AlertChannelType.DingTalk => "dingtalk",
        AlertChannelType.WeCom => "wecom",
        _ => "webhook",
    };

    public static string Of(SmtpTlsMode tls) => tls switch
    {
        SmtpTlsMode.None => "none",
        SmtpTlsMode.StartTls => "starttls",
        SmtpTlsMode.Implicit => "implicit",
        _ => "auto",
    };

    public static bool TryParseType(string? value, out AlertChannelType type) => TryParse(value, Of, out type);

    public static bool TryParseTls(string? value, out SmtpTlsMode tls) => TryParse(value, Of, out tls);

    private static bool TryParse<T>(string? value, Func<T, string> nameOf, out T parsed)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(candidate), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                parsed = candidate;
                return true;
            }
        }

        parsed = default;
        return false;
    }
}
