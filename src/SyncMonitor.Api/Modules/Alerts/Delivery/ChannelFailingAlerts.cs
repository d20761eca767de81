namespace SyncMonitor.Api.Modules.Alerts.Delivery;

/// <summary>The <c>channel_failing</c> rule: a channel whose deliveries failed <c>Alerts:Delivery:FailingAfterAttempts</c>
/// times in a row fires a high alert labelled with the channel; its next successful delivery clears it. The alert
/// goes to every other channel that accepts it, never to the failing one.</summary>
internal static class ChannelFailingAlerts
{
    public const string ChannelLabel = "channel";

    public static IReadOnlyDictionary<string, string> Labels(string channel) => new Dictionary<string, string> { [ChannelLabel] = channel };

    public static AlertSignal Signal(string channel, int attempts, string error) => AlertSignal.Localized(
        AlertRules.ChannelFailing,
        AlertLevel.High,
        Common.Localization.LocalizedText.Of("Alert.ChannelFailing.Title", channel),
        Common.Localization.LocalizedText.Of("Alert.ChannelFailing.Message", channel, attempts, error),
        Labels(channel));
}
