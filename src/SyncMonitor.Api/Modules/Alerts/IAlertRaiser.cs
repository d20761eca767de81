using System.Globalization;
using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Alerts;

public enum AlertLevel
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>A rule's verdict that something is wrong. The fingerprint is rule + labels: firing the same
/// fingerprint again updates the open alert (count, last seen) instead of adding one. Title and message are given as
/// texts to render (<see cref="Localized"/>), written in the operators' language (<c>Alerts:Language</c>), or as
/// literal strings.</summary>
public sealed record AlertSignal(
    string Rule,
    AlertLevel Level,
    string Title,
    string Message,
    IReadOnlyDictionary<string, string> Labels)
{
    public LocalizedText? TitleText { get; init; }

    public LocalizedText? MessageText { get; init; }

    public static AlertSignal Localized(
        string rule, AlertLevel level, LocalizedText title, LocalizedText message, IReadOnlyDictionary<string, string> labels)
        => new(rule, level, title.In(LocalizationModule.DefaultCulture), message.In(LocalizationModule.DefaultCulture), labels)
        {
            TitleText = title, MessageText = message,
        };

    public string TitleIn(CultureInfo culture) => TitleText?.In(culture) ?? Title;

    public string MessageIn(CultureInfo culture) => MessageText?.In(culture) ?? Message;
}

/// <summary>How other modules raise and clear alerts. The Alerts module stores, de-duplicates and notifies.</summary>
public interface IAlertRaiser
{
    Task FireAsync(AlertSignal signal, CancellationToken cancellationToken);

    /// <summary>The rule's condition no longer holds for these labels: resolve the open alert, if any.</summary>
    Task ClearAsync(string rule, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);
}

/// <summary>Well-known rule names.</summary>
public static class AlertRules
{
    public const string IntegrityLevel = "integrity_level";
    public const string SourceUnavailable = "source_unavailable";
    public const string ConsistencyConfidence = "consistency_confidence";
    public const string SyncFailed = "sync_failed";
    public const string SlowOperation = "slow_operation";
    public const string OperationLogDrops = "operation_log_drops";
    public const string OperationLogDeadLetter = "operation_log_dead_letter";
    public const string ChannelFailing = "channel_failing";
    public const string SyncHeld = "sync_held";

    public static IReadOnlyList<string> All { get; } =
        [IntegrityLevel, SourceUnavailable, ConsistencyConfidence, SyncFailed, SlowOperation, OperationLogDrops, OperationLogDeadLetter, ChannelFailing, SyncHeld];
}
