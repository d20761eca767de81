using System.Globalization;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Notifications;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>Announces alerts: the log, the hub's <c>alert</c> event to every client, and — for high and
/// critical alerts — a notification to each of <c>Alerts:NotifyUserIds</c>.</summary>
internal sealed partial class AlertNotifier(
    IRealtimePublisher realtime,
    INotificationPublisher notifications,
    IOptions<AlertsOptions> options,
    ILogger<AlertNotifier> logger)
{
    public const string Source = "alerts";

    public async Task AnnounceAsync(Alert alert, CancellationToken cancellationToken)
    {
        LogAnnounced(logger, LogLevelOf(alert.Level), alert.Level, alert.Rule, alert.Title, alert.Count, alert.Id);
        await realtime.PublishAlertAsync(alert, cancellationToken);
        if (alert.Level < AlertLevel.High)
        {
            return;
        }

        foreach (var userId in options.Value.NotifyUserIds.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.Ordinal))
        {
            try
            {
                await notifications.CreateAndPublishAsync(ToNotification(alert, userId, options.Value.Culture), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One recipient's failure must not keep the alert from the others (or fail the caller's work).
                LogNotificationFailed(logger, ex, alert.Id, userId);
            }
        }
    }

    /// <summary>An acknowledgement or resolution: clients update their list.</summary>
    public Task PublishChangeAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (alert.Status == AlertStatus.Resolved)
        {
            LogResolved(logger, alert.Rule, alert.Title, alert.ResolvedBy ?? AlertNames.AutoResolver, alert.Id);
        }

        return realtime.PublishAlertAsync(alert, cancellationToken);
    }

    /// <summary>In the operators' language (<c>Alerts:Language</c>), the one the alert itself was written in.</summary>
    internal static NotificationRequest ToNotification(Alert alert, string userId, CultureInfo? language = null)
    {
        var culture = language ?? LocalizationModule.DefaultCulture;
        var labels = string.Join(", ", alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return new NotificationRequest(
            userId,
            NotificationType.Alert,
            $"[{AlertNames.Of(alert.Level).ToUpperInvariant()}] {alert.Title}",
            alert.Message + "\n" + Texts.In(culture, "Alert.Notification.Facts", alert.Rule, labels, alert.Count),
            alert.Level == AlertLevel.Critical ? NotificationSeverities.Critical : NotificationSeverities.Error,
            AlertsApiPaths.ItemFor(alert.Id),
            Source,
            new Dictionary<string, string>
            {
                ["alert_id"] = alert.Id,
                ["rule"] = alert.Rule,
                ["level"] = AlertNames.Of(alert.Level),
                ["fingerprint"] = alert.Fingerprint,
            });
    }

    private static LogLevel LogLevelOf(AlertLevel level) => level switch
    {
        AlertLevel.Low => LogLevel.Information,
        AlertLevel.Medium => LogLevel.Warning,
        AlertLevel.High => LogLevel.Error,
        _ => LogLevel.Critical,
    };

    [LoggerMessage(Message = "Alert {Level} {Rule}: {Title} (count {Count}, id {AlertId})")]
    private static partial void LogAnnounced(ILogger logger, LogLevel logLevel, AlertLevel level, string rule, string title, long count, string alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert resolved {Rule}: {Title} (by {ResolvedBy}, id {AlertId})")]
    private static partial void LogResolved(ILogger logger, string rule, string title, string resolvedBy, string alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify {UserId} of alert {AlertId}")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception, string alertId, string userId);
}
