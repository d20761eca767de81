using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>"Shows as ended" implies "a start is accepted": a run that has ended still holds the lease for the few
/// milliseconds its end takes to write. A start that finds such a holder waits for it (bounded) instead of answering
/// 409 — for a run of this process until its end is written, for a run of another instance whose record is already
/// final until its lease is released (SQLite releases it in the same transaction; MongoDB right after).</summary>
public sealed partial class SyncManager
{
    private static readonly TimeSpan LocalEndWait = TimeSpan.FromSeconds(5);
    private const int RemoteReleasePolls = 40;

    private async Task<bool> WaitForEndingHolderAsync(LeaseState? holder, CancellationToken cancellationToken)
    {
        if (holder?.Task?.TaskId is not { } taskId)
        {
            return false;
        }

        if (active.TryGet(taskId, out var ending))
        {
            return ending.Final is not null && await WaitLocalAsync(ending, cancellationToken);
        }

        if (await runs.GetAsync(taskId, cancellationToken) is not { IsFinished: true })
        {
            return false;
        }

        for (var poll = 0; poll < RemoteReleasePolls; poll++)
        {
            var state = await leases.GetAsync(cancellationToken);
            if (state is null || state.Task?.TaskId != taskId || !state.IsHeldAt(time.GetUtcNow()))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }

        return false;
    }

    private static async Task<bool> WaitLocalAsync(ActiveRun ending, CancellationToken cancellationToken)
    {
        try
        {
            await ending.Completion.WaitAsync(LocalEndWait, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
