using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary>Keeps the quality gauges current without a request: recomputes every <c>RefreshSeconds</c>.</summary>
internal sealed partial class DataQualityRefresher(
    DataQualityMonitor monitor,
    IOptionsMonitor<DataQualityOptions> options,
    TimeProvider time,
    ILogger<DataQualityRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.GetAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A store hiccup must not end the loop; the gauges keep the last result until the next round.
                LogRefreshFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.CurrentValue.RefreshInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not compute data quality ({Error}); keeping the last result")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}

/// <summary>A finished sync run changed stored rows: the cached quality result is stale.</summary>
internal sealed class DataQualityStaleOnSync(DataQualityMonitor monitor) : ISyncRunListener
{
    public SyncRunListenerStage Stage => SyncRunListenerStage.Invalidate;

    public Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken)
    {
        monitor.MarkStale();
        return Task.CompletedTask;
    }
}
