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
        var warnings = string.Join("; ", WarningsOf(live).Concat(active.Recorder.Warnings));
        if (live.TotalDays > 0 && live.FailedDates.Count == live.TotalDays)
        {
            return Settled(live with { Status = SyncRunStatus.Failed, Message = "every trade date failed: " + warnings });
        }

        var partial = live.Errors > 0 || live.FailedDates.Count > 0 || warnings.Length > 0;
        return Settled(live with
        {
            Status = partial ? SyncRunStatus.SuccessWithErrors : SyncRunStatus.Success,
            Message = partial ? $"同步完成，有错误: {live.Errors} 条记录失败" + (warnings.Length > 0 ? "; " + warnings : string.Empty) : "同步完成",
        });
    }

    /// <summary>The work threw: cancelled, lease lost, no source, or an unexpected error (whose text stays in the log).</summary>
    public static SyncStats Ended(Exception exception, ActiveRun active)
    {
        var live = active.Live;
        return Settled(exception switch
        {
            OperationCanceledException when active.Stop is StopReason.LeaseLost
                => live with { Status = SyncRunStatus.Failed, Message = active.StopMessage },
            OperationCanceledException when active.Stop is not null
                => live with { Status = SyncRunStatus.Cancelled, Message = active.StopMessage },
            Changes.RunHeldException held => live with
            {
                Status = SyncRunStatus.Held, Message = held.Message, Total = live.Inserted + live.Updated + live.Errors,
            },
            Changes.ApprovalFailedException => live with { Status = SyncRunStatus.Failed, Message = exception.Message },
            StaleLeaseException => live with { Status = SyncRunStatus.Failed, Message = SyncMessages.LeaseLost },
            NoSourceAvailableException => live with { Status = SyncRunStatus.Failed, Message = exception.Message },
            _ => live with { Status = SyncRunStatus.Failed, Message = $"unexpected error ({exception.GetType().Name}); see the service log" },
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
        return final with
        {
            Total = recorded,
            Message = unwritten > 0 ? $"{final.Message}; {unwritten} rows fetched but not written" : final.Message,
        };
    }

    private static IEnumerable<string> WarningsOf(SyncStats live)
    {
        if (live.FailedDates.Count > 0)
        {
            yield return "failed dates: " + string.Join(",", live.FailedDates);
        }
    }
}
