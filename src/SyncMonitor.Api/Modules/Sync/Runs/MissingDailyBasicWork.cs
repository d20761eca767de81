using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>The missing-date fill (<c>scheduler_missing</c>): the last N trade days up to today that have no
/// <c>stock_daily_basic</c> rows are synced again.</summary>
public sealed class MissingDailyBasicWork(
    int tradeDays,
    SyncWorkFactory works,
    TradeCalendar calendar,
    IDailyBasicStore store,
    TimeProvider time) : ISyncWork
{
    public string Job => DailyBasicWork.JobName;

    public string DataType => DailyBasicWork.Table;

    public IReadOnlyList<ProgressStep> Steps { get; } = [new("trade_calendar", 0.05), new("daily_basic", 0.9), new("finalize", 0.05)];

    public async Task ExecuteAsync(RunContext context)
    {
        var today = TradeDates.Today(time);
        // Calendar days enough to hold N trade days even across the longest holidays.
        var window = await calendar.OpenDaysAsync(today.AddDays(-(tradeDays * 2 + 20)), today, [], context.Recorder, context.CancellationToken);
        var recent = window.TakeLast(tradeDays).ToList();
        var counts = recent.Count == 0
            ? new Dictionary<string, long>()
            : await store.CountByTradeDateAsync(recent[0], recent[^1], null, context.CancellationToken);
        var missing = recent.Where(d => counts.GetValueOrDefault(d) == 0).ToList();
        var plan = new DailyBasicPlan(today, today, [], missing);
        await works.DailyBasic(plan).ExecuteAsync(context);
    }
}
