using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>Reads the last successful stock-basics run from the store once on start, so that
/// <c>syncmonitor_sync_last_success_timestamp_seconds</c> survives a restart (a staleness alert must not reset with the
/// process). Runs in the background: a store that is still coming up never delays or fails startup.</summary>
internal sealed partial class LastSuccessSeeder(ISyncRunReader runs, SyncMetrics metrics, ILogger<LastSuccessSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var job in SyncMetrics.StockBasicsJobs)
            {
                foreach (var status in new[] { SyncRunStatus.Success, SyncRunStatus.SuccessWithErrors })
                {
                    var (items, _) = await runs.ListAsync(new SyncRunQuery(1, 1, status, Job: job), stoppingToken);
                    if (items is [{ FinishedAt: { } at }])
                    {
                        metrics.Succeeded(SyncMetrics.StockBasicsData, at);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The gauge then starts at the next successful run; the staleness alert falls back to the process start.
            LogSeedFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the last successful stock-basics run; syncmonitor_sync_last_success_timestamp_seconds starts with the next one")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
