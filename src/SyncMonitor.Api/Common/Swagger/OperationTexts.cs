namespace SyncMonitor.Api.Common.Swagger;

/// <summary>Summary (used when the endpoint names none) and description of every operation, by operation id
/// (<c>.WithName</c>). One table, so a new endpoint without texts fails the OpenAPI walk test in one place.</summary>
internal static class OperationTexts
{
    public static readonly IReadOnlyDictionary<string, (string Summary, string Description)> ById =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            // Auth
            ["GetCurrentUser"] = ("The caller's identity and role.", "Answers who the X-Api-Key belongs to: id, name and role (viewer, operator or admin)."),
            // Sync
            ["RunStockBasicsSync"] = ("Starts a stock-basics sync.", "Starts a sync of the stock basics from the best available source (or preferred_sources, comma separated). 202 with the run and a Location to its progress; 409 with current_task while another sync holds the global lock. force never bypasses the lock."),
            ["RunDailyBasicBatch"] = ("Starts a daily-basic batch sync over a date range.", "Syncs the daily basics of every trade date between start_date and end_date (YYYY-MM-DD, at most Sync:MaxBatchDays days). 202 with the run; 409 with current_task while another sync runs."),
            ["CancelSyncTask"] = ("Requests cancellation of a running sync task.", "Asks the running task to stop at its next step; the run ends as cancelled. 404 for an unknown task, 409 when the task is not running."),
            ["GetCurrentSyncTask"] = ("The sync task holding the lock, if any.", "current_task on any instance with its live progress, or null when no sync runs."),
            ["GetStockBasicsStatus"] = ("The latest stock-basics run.", "Live while it runs on this instance, else the latest stored run; status never_run before the first sync."),
            ["GetMultiSourceStatus"] = ("Latest run, current task and every source.", "One call for a status page: the latest run of any type, the task holding the lock and each source's health."),
            ["GetSourcesStatus"] = ("Health of every data source.", "Per source: configured, available, latency and the last error (secrets masked)."),
            ["GetSyncHistory"] = ("Past sync runs, newest first.", "Paged run records; filter by status (e.g. success, failed, success_with_errors) and task_type (e.g. manual, web_batch)."),
            ["TestSources"] = ("Tests every data source now.", "Calls each configured source once and answers with the refreshed health of all of them."),
            ["GetSyncRunChanges"] = ("What a stock-basics run changed.", "The run's change set, paged: listed, missing, renamed (with ST/*ST marks), reclassified and shifted entries (code, name, field, before, after), filtered by kind; for a held run, whether it is still held, approved or discarded. 404 for an unknown run."),
            ["ApproveHeldSyncRun"] = ("Applies a held run's staged rows.", "The guard held this stock-basics run; approving applies exactly its staged rows under the global lock with a new fencing token, as a run of its own (202). 404 for an unknown run, 409 when it is not held or another sync holds the lock."),
            ["DiscardHeldSyncRun"] = ("Drops a held run's staged rows.", "The stored stock basics stay as they were; the held run is marked discarded. 404 for an unknown run, 409 when it is not held."),
            ["GetTaskProgress"] = ("Progress of a sync task.", "Weighted steps, percent, current step, elapsed and estimated remaining time; 404 for an unknown task id."),
            // Scheduler
            ["ListScheduledJobs"] = ("Scheduled jobs.", "Every Quartz job with its cron expression, time zone, next and previous fire time, state and last result."),
            ["TriggerScheduledJob"] = ("Runs a scheduled job now.", "Fires the job immediately, also while paused; a run of the same job still going finishes first."),
            ["PauseScheduledJob"] = ("Pauses a scheduled job.", "Stops the job's schedule until it is resumed or the service restarts."),
            ["ResumeScheduledJob"] = ("Resumes a paused job.", "Puts the job back on its schedule; firings missed while paused are skipped."),
            // Operation logs
            ["ListOperationLogs"] = ("Operation logs.", "Audit entries, newest first, filtered by time, action type, outcome, keyword and user, paged."),
            ["GetOperationLogStats"] = ("Operation-log statistics.", "Totals, success rate, average duration, counts per action type, per UTC day and top users over the last days."),
            ["ExportOperationLogsCsv"] = ("Exports operation logs as CSV.", "The filtered entries as UTF-8 CSV with BOM, times in Asia/Shanghai (yyyy-MM-dd HH:mm:ss), streamed; limited by the export rate budget."),
            ["CreateOperationLog"] = ("Records a manual log entry.", "Adds an entry for the calling user, e.g. a client-side action the server cannot see."),
            ["ClearOperationLogs"] = ("Deletes old operation logs.", "Removes entries before a time or older than N days, optionally of one action type; answers with the count removed."),
            ["GetOperationLog"] = ("One operation-log entry.", "The full entry with its details; 404 when it does not exist."),
            // Consistency
            ["CheckStockBasicsConsistency"] = ("Compares two sources' stock basics.", "Compares the stored stock basics of primary and secondary per stock and stores a report (201). 409 while a source has no stored data yet."),
            ["ListConsistencyReports"] = ("Consistency reports, newest first.", "Paged summaries of the stored cross-source reports."),
            ["GetConsistencyReport"] = ("One consistency report.", "The report's summary with one page of its per-stock entries, optionally only the inconsistent ones."),
            ["ResolveConsistencyReport"] = ("Resolves a report's differences.", "Applies a strategy per stock (primary, secondary, average or investigate; default the recommendation) and records the resolution."),
            ["RunCompensation"] = ("Re-syncs trade dates with missing output.", "Finds successful runs whose stored output is missing or short and re-syncs those dates under the sync lock; dry_run lists them only. 409 with current_task while a sync runs."),
            ["GetCompensation"] = ("One compensation run.", "Scope, status, dates and, with include_keys, the written row keys."),
            ["RollbackCompensation"] = ("Rolls back a compensation.", "Removes exactly the rows the compensation wrote, under the global sync lock; 409 when already rolled back or a sync runs."),
            ["RunIntegrityCheck"] = ("Runs an integrity check now.", "Runs a quick (1 h), full (24 h) or deep (14 days, with trend) check of run outputs and returns the result."),
            ["GetIntegrityMetrics"] = ("Latest integrity checks.", "The latest check of each type and a short history."),
            ["GetIntegrityHealth"] = ("Data-integrity health.", "Overall health level derived from the latest integrity checks."),
            ["GetDataQuality"] = ("Data quality of the stock basics.", "Completeness, freshness, validity and duplicates per source and overall, recomputed periodically and after a sync."),
            // Alerts
            ["ListAlerts"] = ("Alerts.", "Alerts newest last_seen first, filtered by status and level, at most limit."),
            ["GetAlert"] = ("One alert.", "The alert with its occurrences and delivery state; 404 when it does not exist."),
            ["AcknowledgeAlert"] = ("Acknowledges an alert.", "Marks a firing alert as acknowledged by the caller; 409 when it is already resolved."),
            ["ResolveAlert"] = ("Resolves an alert.", "Marks the alert resolved; 409 when it is already resolved."),
            ["ListAlertChannels"] = ("Alert channels.", "The configured delivery channels (email, DingTalk, WeCom, webhook) with secrets masked."),
            ["TestAlertChannel"] = ("Sends a test alert.", "Sends a test message through the named channel now and answers with the channel's reply."),
            // Notifications
            ["ListNotifications"] = ("The caller's notifications.", "Newest first, filtered by status (unread/read) and type (sync/alert/system), paged; texts in the recipient's language."),
            ["CountUnreadNotifications"] = ("Unread notification count.", "How many of the caller's notifications are unread."),
            ["MarkNotificationRead"] = ("Marks a notification read.", "Marks one of the caller's notifications as read; 404 when it is not the caller's or does not exist."),
            ["MarkAllNotificationsRead"] = ("Marks all notifications read.", "Marks every unread notification of the caller as read and answers with the count."),
            // Stocks and metrics
            ["ListStocks"] = ("Stock list.", "Paged list, one row per code from its best source unless source is given; filters market, industry, keyword; sort by code, total_mv, circ_mv, pe or pb."),
            ["GetStock"] = ("One stock across sources.", "Every source's record side by side, the latest daily basic and the latest consistency verdict."),
            ["GetStockDailyBasic"] = ("Daily basics of one stock.", "Daily basics between start_date and end_date (YYYY-MM-DD, at most 366 days; default the last 30 days)."),
            ["GetCacheStatistics"] = ("Cache statistics.", "Per cache: hit rate, requests, hits, misses, per-level counts and invalidations."),
            ["GetPerformance"] = ("Operation latencies.", "Per operation: count, errors, avg/p50/p95/p99/max in ms and slow counts over the sliding window."),
        };
}
