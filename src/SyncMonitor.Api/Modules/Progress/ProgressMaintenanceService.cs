using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The tracker's clock: every 1/<c>MaxUpdatesPerSecond</c> s it writes and pushes what changed, which is
/// the per-task throttle; hourly (and at start) it removes expired fallback files and forgets old tasks; at stop it
/// writes whatever is still pending.</summary>
internal sealed class ProgressMaintenanceService(
    ProgressTracker tracker,
    FileProgressStore files,
    TimeProvider time,
    IOptions<ProgressOptions> options) : BackgroundService
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = time.GetUtcNow();
        using var ticks = new PeriodicTimer(options.Value.UpdateInterval, time);
        do
        {
            await tracker.FlushChangedAsync();
            if (time.GetUtcNow() >= nextCleanup)
            {
                files.RemoveExpired();
                tracker.EvictExpired();
                nextCleanup = time.GetUtcNow() + CleanupInterval;
            }
        }
        while (await WaitForTickAsync(ticks, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await tracker.FlushAllAsync().WaitAsync(cancellationToken);
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer ticks, CancellationToken stoppingToken)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
