using Microsoft.Extensions.Options;
using MongoDB.Bson;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;
using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The real <see cref="IAlertRaiser"/>: stores and de-duplicates by fingerprint, announces the first
/// firing, then again only after <c>Alerts:RepeatIntervalMinutes</c> or when the level rises (an acknowledged
/// alert is announced again only when its level rises). Each announcement and each resolution writes its channel
/// deliveries (the outbox) in the same store step; the background sender delivers them, so raising never waits
/// for a channel. Store trouble is logged, never thrown: raising an alert must not break the work that noticed
/// the problem.</summary>
internal sealed partial class AlertRaiser(
    IAlertStore store,
    AlertNotifier notifier,
    AlertsMetrics metrics,
    AlertDeliveryPlanner planner,
    AlertDeliveryWakeup deliveries,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertRaiser> logger) : IAlertRaiser
{
    public const int MaxTitleLength = 200;
    public const int MaxMessageLength = 4000;

    public async Task FireAsync(AlertSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        AlertFingerprint.Validate(signal.Rule, signal.Labels);
        var now = time.GetUtcNow();
        var occurrence = new AlertOccurrence(
            ObjectId.GenerateNewId().ToString(),
            signal.Rule,
            signal.Level,
            AlertFingerprint.Compute(signal.Rule, signal.Labels),
            Bounded(signal.TitleIn(options.Value.Culture), MaxTitleLength),
            Bounded(signal.MessageIn(options.Value.Culture), MaxMessageLength),
            signal.Labels,
            now);
        try
        {
            var alert = await store.RecordFiringAsync(occurrence, cancellationToken);
            metrics.RecordFired(alert.Rule, alert.Level);
            metrics.RequestFiringRefresh();
            var repeatDueAt = now - options.Value.RepeatInterval;
            if (await store.TryClaimNotificationAsync(alert.Id, alert.Level, now, repeatDueAt, planner.Plan, cancellationToken) is { } announcement)
            {
                // The deliveries were written with the claim; the sender takes them from here (never awaited).
                WakeSenderFor(announcement.Deliveries);
                await notifier.AnnounceAsync(announcement.Alert, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(logger, ex, signal.Rule, signal.Level);
        }
    }

    public async Task ClearAsync(string rule, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        AlertFingerprint.Validate(rule, labels);
        try
        {
            var resolved = await store.ResolveOpenAsync(
                AlertFingerprint.Compute(rule, labels), AlertNames.AutoResolver, time.GetUtcNow(), planner.Plan, cancellationToken);
            if (resolved is not null)
            {
                deliveries.Wake();
                metrics.RequestFiringRefresh();
                await notifier.PublishChangeAsync(resolved, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogClearFailed(logger, ex, rule);
        }
    }

    private void WakeSenderFor(IReadOnlyList<AlertDelivery> written)
    {
        if (written.Count > 0)
        {
            deliveries.Wake();
        }
    }

    private static string Bounded(string? text, int length)
    {
        var value = text ?? string.Empty;
        return value.Length <= length ? value : value[..(length - 1)] + "…";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record alert {Rule} ({Level}); it reached only this log")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string rule, AlertLevel level);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not clear alert {Rule}")]
    private static partial void LogClearFailed(ILogger logger, Exception exception, string rule);
}
