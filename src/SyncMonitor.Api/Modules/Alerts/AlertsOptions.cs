using System.ComponentModel.DataAnnotations;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts;

public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>A still-firing alert notifies again only after this long (or at once when its level rises).</summary>
    [Range(1, 7 * 24 * 60, ErrorMessage = "Alerts:RepeatIntervalMinutes must be between 1 and 10080.")]
    public int RepeatIntervalMinutes { get; set; } = 60;

    /// <summary>User ids that get a notification for every high or critical alert. Empty: nobody gets a
    /// per-user notification; the hub's <c>alert</c> event still reaches every connected client.</summary>
    public string[] NotifyUserIds { get; set; } = [];

    /// <summary>Where people reach the dashboard (e.g. <c>https://syncmonitor.example.com</c>); messages link to it.
    /// Empty: messages carry no link.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><c>Alerts:Channels:{name}</c>: where alerts are delivered besides the dashboard (see
    /// <see cref="AlertChannelOptions"/>). Checked on start by <see cref="AlertChannelsValidator"/>.</summary>
    public Dictionary<string, AlertChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public AlertDeliveryOptions Delivery { get; set; } = new();

    /// <summary>The operators' language for alert titles, messages, notifications and channel deliveries: <c>zh-CN</c>
    /// (the default) or <c>en</c>. An alert is written once, in this language.</summary>
    [RegularExpression("^(zh-CN|zh|en|en-[A-Za-z]{2})$", ErrorMessage = "Alerts:Language must be zh-CN or en.")]
    public string Language { get; set; } = "zh-CN";

    public System.Globalization.CultureInfo Culture => Common.Localization.LocalizationModule.Resolve(Language);

    public TimeSpan RepeatInterval => TimeSpan.FromMinutes(RepeatIntervalMinutes);
}
