using System.Globalization;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>The daily batch (SPEC §3.2): for each trade date of a range (or an explicit list of dates), the
/// fundamentals of every stock into <c>stock_daily_basic</c>. A source that fails is left for the rest of the run
/// and the next one takes over; a date no source can serve is recorded and the batch goes on.</summary>
public sealed partial class DailyBasicWork(
    DailyBasicPlan plan,
    SourceSelector selector,
    TradeCalendar calendar,
    IDailyBasicStore store,
    BulkWriter writer,
    ILogger<DailyBasicWork> logger) : ISyncWork
{
    public const string JobName = "daily_basic";
    public const string Table = "stock_daily_basic";

    public string Job => JobName;

    public string DataType => Table;

    public string? StartDate => TradeDates.Format(plan.Start);

    public string? EndDate => TradeDates.Format(plan.End);

    public IReadOnlyList<ProgressStep> Steps { get; } = [new("trade_calendar", 0.05), new("daily_basic", 0.9), new("finalize", 0.05)];

    public async Task ExecuteAsync(RunContext context)
    {
        var progress = context.Progress;
        await progress.BeginStepAsync("trade_calendar", "正在获取交易日历");
        var dates = plan.Dates ?? await calendar.OpenDaysAsync(plan.Start, plan.End, plan.Preferred, context.Recorder, context.CancellationToken);
        context.Recorder.TotalDays = dates.Count;
        await progress.CompleteStepAsync("trade_calendar");

        await progress.BeginStepAsync("daily_basic", $"共 {dates.Count} 个交易日");
        var chain = selector.Chain(SourceCapabilities.DailyBasic, plan.Preferred).ToList();
        var first = 0; // sources before this index went down earlier in the run and are not asked again
        for (var i = 0; i < dates.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            first = await SyncDateAsync(context, dates[i], chain, first);
            await progress.ReportAsync("daily_basic", (i + 1) / (double)dates.Count,
                string.Create(CultureInfo.InvariantCulture, $"{dates[i]} ({i + 1}/{dates.Count})"));
        }

        await progress.CompleteStepAsync("daily_basic");
        await progress.BeginStepAsync("finalize", "正在汇总");
        await progress.CompleteStepAsync("finalize");
    }

    /// <summary>Syncs one date from the first source that serves it. Returns where later dates start in the chain:
    /// past the sources that were down for this date when another one then served it; unchanged when no source
    /// could serve the date (then the date itself is the problem, not the sources).</summary>
    private async Task<int> SyncDateAsync(RunContext context, string date, IReadOnlyList<IStockDataSource> chain, int first)
    {
        var allBeforeWereDown = true;
        for (var index = first; index < chain.Count; index++)
        {
            var source = chain[index];
            try
            {
                var rows = await source.FetchDailyBasicAsync(date, context.CancellationToken);
                context.Recorder.UseSource("daily_data", source.Name, source.IsSynthetic);
                context.Recorder.AddDelivered(rows.Count);
                context.Recorder.CountRejected(source);
                context.Recorder.NoteSourceWarnings(source);
                var stored = rows.Select(r => r with { Source = source.Name, TradeDate = date }).ToList();
                var written = await writer.WriteAsync(context, Table, stored, store.UpsertAsync, tradeDate: date);
                context.Recorder.CountSource(source.Name, rows.Count, written.Inserted + written.Updated);
                context.Recorder.DateDone(date);

                return allBeforeWereDown ? index : first;
            }
            catch (SourceUnavailableException ex)
            {
                LogFallback(logger, source.Name, date, ex.Message);
                context.Recorder.CountSource(source.Name, 0, 0);
                allBeforeWereDown &= ex.Kind != SourceFailureKind.NotSupported;
            }
        }

        context.Recorder.FailDate(date);
        return first;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} failed for daily basic of {TradeDate}: {Reason}")]
    private static partial void LogFallback(ILogger logger, string source, string tradeDate, string reason);
}

/// <summary>What a daily batch covers: a range (its open days from the calendar) or explicit dates (missing fill).</summary>
public sealed record DailyBasicPlan(DateOnly Start, DateOnly End, IReadOnlyList<string> Preferred, IReadOnlyList<string>? Dates = null);
