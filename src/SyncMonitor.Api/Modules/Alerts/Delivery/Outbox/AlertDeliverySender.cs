using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Alerts.Delivery.Channels;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;
using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;

/// <summary>The background sender: on every wake-up (an alert was raised here) or poll (another instance's alerts,
/// due retries) it starts a turn for each enabled channel that is not already busy, so a slow or failing channel
/// never delays the others. It also refreshes the pending gauge and, every minute, finishes outbox writes a crash
/// interrupted. A restart resumes from the store: nothing of the outbox lives only in memory.</summary>
internal sealed partial class AlertDeliverySender(
    AlertChannelCatalog channels,
    IAlertDeliveryStore store,
    AlertChannelDispatcher dispatcher,
    AlertMessageComposer composer,
    IAlertRaiser raiser,
    AlertDeliveryMetrics metrics,
    AlertDeliveryWakeup wakeup,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertDeliverySender> logger) : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>Identifies this instance's leases (host, process, start).</summary>
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivery = options.Value.Delivery;
        var workers = channels.Enabled
            .Select(c => new ChannelWorker(c, _owner, store, dispatcher, composer, raiser, metrics, delivery, time, logger))
            .ToList();
        var turns = new Dictionary<string, Task>(StringComparer.Ordinal);
        var lastSweep = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                lastSweep = await MaintainAsync(lastSweep, stoppingToken);
                foreach (var worker in workers.Where(w => !turns.TryGetValue(w.Channel, out var turn) || turn.IsCompleted))
                {
                    turns[worker.Channel] = worker.RunAsync(stoppingToken);
                }

                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wakeup.Requests.WaitToReadAsync(wake.Token).AsTask(), Task.Delay(delivery.Poll, time, wake.Token));
                await wake.CancelAsync();
                wakeup.Requests.TryRead(out _);
            }
        }
        finally
        {
            await Task.WhenAll(turns.Values); // turns never throw; each gives its lease back
        }
    }

    private async Task<DateTimeOffset> MaintainAsync(DateTimeOffset lastSweep, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            if (now - lastSweep >= SweepInterval)
            {
                await store.RelayStrandedAsync(cancellationToken);
                lastSweep = now;
            }

            metrics.UpdatePending(await store.CountUnfinishedAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMaintenanceFailed(logger, ex.GetType().Name);
        }

        return lastSweep;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert outbox upkeep failed ({Error}); the next pass tries again")]
    private static partial void LogMaintenanceFailed(ILogger logger, string error);
}
