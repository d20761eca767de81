using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>Keeps the firing gauge's counts fresh: every 15 s, and right after an alert changes.</summary>
internal sealed partial class AlertFiringGaugeRefresher(
    IAlertStore store,
    AlertsMetrics metrics,
    TimeProvider time,
    ILogger<AlertFiringGaugeRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(
                metrics.RefreshRequests.WaitToReadAsync(wake.Token).AsTask(),
                Task.Delay(Interval, time, wake.Token));
            await wake.CancelAsync();
            metrics.RefreshRequests.TryRead(out _);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            metrics.UpdateFiring(await store.CountFiringByLevelAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The gauge keeps its last counts; a store hiccup must not end the refresh loop.
            LogRefreshFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the firing-alerts gauge ({Error}); keeping the last counts")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}
