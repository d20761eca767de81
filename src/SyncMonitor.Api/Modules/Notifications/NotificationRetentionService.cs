using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Notifications.Storage;

namespace SyncMonitor.Api.Modules.Notifications;

/// <summary>Deletes notifications past <c>Notifications:RetainDays</c> for every user, at start and hourly
/// (the insert-time purge only reaches users who get new notifications; Mongo's TTL index does the same).</summary>
internal sealed partial class NotificationRetentionService(
    INotificationStore store,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<NotificationRetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var purged = await store.PurgeExpiredAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken);
                if (purged > 0)
                {
                    LogPurged(logger, purged, options.Value.RetainDays);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next round tries again; retention is not worth stopping the service for.
                LogPurgeFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} notifications older than {Days} days")]
    private static partial void LogPurged(ILogger logger, long count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification retention cleanup failed ({Error}); retrying next round")]
    private static partial void LogPurgeFailed(ILogger logger, string error);
}
