using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>How a run's end becomes its final status and message.</summary>
internal static class RunOutcome
{
    /// <summary>The work returned: success, or success with errors when rows, dates or a data kind failed.</summary>
    public static SyncStats Succeeded(ActiveRun active)
    {
        var live = active.Live;
        var warnings = WarningsOf(live).Concat(active.Recorder.Warnings.Select(RunMessages.Quoted)).ToList();
        if (live.TotalDays > 0 && live.FailedDates.Count == live.TotalDays)
        {
            return Settled(live.WithMessage([RunMessages.AllDatesFailed, .. warnings]) with { Status = SyncRunStatus.Failed });
        }

        var partial = live.Errors > 0 || live.FailedDates.Count > 0 || warnings.Count > 0;
        return Settled(partial
            ? live.WithMessage([RunMessages.Partial(live.Errors), .. warnings]) with { Status = SyncRunStatus.SuccessWithErrors }
            : live.WithMessage(RunMessages.Succeeded) with { Status = SyncRunStatus.Success });
    }

    /// <summary>The work threw: cancelled, lease lost, no source, or an unexpected error (whose text stays in the log).</summary>
    public static SyncStats Ended(Exception exception, ActiveRun active)
    {
        var live = active.Live;
        return Settled(exception switch
        {
            OperationCanceledException when active.Stop is StopReason.LeaseLost
                => live.WithMessage(active.StopMessage ?? RunMessages.LeaseLost) with { Status = SyncRunStatus.Failed },
            OperationCanceledException when active.Stop is not null
                => live.WithMessage(active.StopMessage ?? RunMessages.Stopping) with { Status = SyncRunStatus.Cancelled },
            Changes.RunHeldException held => live.WithMessage(held.Text) with
            {
                Status = SyncRunStatus.Held, Total = live.Inserted + live.Updated + live.Errors,
            },
            Changes.ApprovalFailedException failed => live.WithMessage(failed.Text) with { Status = SyncRunStatus.Failed },
            StaleLeaseException => live.WithMessage(RunMessages.LeaseLost) with { Status = SyncRunStatus.Failed },
            NoSourceAvailableException none => live.WithMessage(none.Text) with { Status = SyncRunStatus.Failed },
            _ => live.WithMessage(RunMessages.Unexpected(exception.GetType().Name)) with { Status = SyncRunStatus.Failed },
        });
    }

    /// <summary><c>total = inserted + updated + errors</c> for every terminal status (SPEC §3.2): rows fetched but never
    /// written (the run was cancelled or failed between fetch and write) are not in <c>total</c>; the message says
    /// how many there were.</summary>
    public static SyncStats Settled(SyncStats final)
    {
        var recorded = final.Inserted + final.Updated + final.Errors;
        if (final.Total == recorded)
        {
            return final;
        }

        var unwritten = final.Total - recorded;
        var settled = final with { Total = recorded };
        return unwritten > 0 ? settled.WithMessage([.. final.MessageParts, RunMessages.Unwritten(unwritten)]) : settled;
    }

    private static IEnumerable<Common.Localization.LocalizedText> WarningsOf(SyncStats live)
    {
        if (live.FailedDates.Count > 0)
        {
            yield return RunMessages.FailedDates(live.FailedDates);
        }
    }
}
