using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>Makes sure no run stays <c>running</c> after its owner died even when no new sync comes along to take
/// the lease: at startup and then once per lease period, when runs are recorded running but the lease is free or
/// expired, it takes the lease (which fences the dead owner out), marks those runs failed and releases it.</summary>
internal sealed partial class OrphanedRunSweeper(
    ISyncLeaseStore leases,
    ISyncRunStore runs,
    RunFinisher finisher,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider time,
    ILogger<OrphanedRunSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.Lease, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex); // the store may be down; the next period tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (running, count) = await runs.ListAsync(new SyncRunQuery(1, 1, SyncRunStatus.Running), cancellationToken);
        if (count == 0 || (await leases.GetAsync(cancellationToken))?.IsHeldAt(now) == true)
        {
            return;
        }

        var claim = new LeaseClaim(Guid.NewGuid().ToString("N"), new CurrentTask
        {
            TaskId = "recovery-" + Guid.NewGuid().ToString("N")[..8],
            TaskType = running[0].TaskType,
            StartTime = now,
            Owner = instance.Owner,
            TriggeredBy = "recovery",
        });
        var acquisition = await leases.TryAcquireAsync(claim, options.CurrentValue.Lease, cancellationToken);
        if (acquisition.Lease is not { } lease)
        {
            return; // a new run took the lease; it recovers the orphans itself
        }

        IReadOnlyList<SyncStats> orphans;
        try
        {
            orphans = await finisher.RecoverOrphansAsync(lease.FencingToken, lease.AcquiredAt, cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }

        await finisher.AnnounceOrphansAsync(orphans, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The orphaned-run sweep failed; it runs again next period")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

/// <summary>Cancels and records local runs when the host stops gracefully.</summary>
internal sealed class SyncShutdown(SyncManager manager) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => manager.StopAllAsync(cancellationToken);
}
