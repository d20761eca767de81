using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>The daily batch (SPEC §3.2): for each trade date of a range (or an explicit list of dates), the
/// fundamentals of every stock into <c>stock_daily_basic</c>. A source that fails is left for the rest of the run
/// and the next one takes over; a date no source can serve is recorded and the batch goes on.
/// The next dates are fetched while the current one is written (a bounded channel of <see cref="FetchAhead"/> dates,
/// so memory stays flat), and each date is written in batches of <c>Sync:DailyBatchSize</c> rows.</summary>
public sealed partial class DailyBasicWork(
    DailyBasicPlan plan,
    SourceSelector selector,
    TradeCalendar calendar,
    IDailyBasicStore store,
    BulkWriter writer,
    IOptionsMonitor<SyncOptions> options,
    ILogger<DailyBasicWork> logger) : ISyncWork
{
    public const string JobName = "daily_basic";
    public const string Table = "stock_daily_basic";
    private const int FetchAhead = 2;

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
        var fetched = Channel.CreateBounded<DailyFetch>(new BoundedChannelOptions(FetchAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var fetching = FetchAllAsync(dates, chain, fetched.Writer, stop.Token);
        try
        {
            var done = 0;
            await foreach (var date in fetched.Reader.ReadAllAsync(context.CancellationToken))
            {
                await WriteDateAsync(context, date);
                done++;
                await progress.ReportAsync("daily_basic", done / (double)dates.Count,
                    string.Create(CultureInfo.InvariantCulture, $"{date.Date} ({done}/{dates.Count})"));
            }
        }
        finally
        {
            await stop.CancelAsync(); // a write that failed stops the fetching too
            await fetching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await progress.CompleteStepAsync("daily_basic");
        await progress.BeginStepAsync("finalize", "正在汇总");
        await progress.CompleteStepAsync("finalize");
    }

    /// <summary>Fetches the dates in order into the channel; an unexpected failure ends the channel with it, so the
    /// writing side rethrows it where it would have surfaced before.</summary>
    private async Task FetchAllAsync(IReadOnlyList<string> dates, IReadOnlyList<IStockDataSource> chain, ChannelWriter<DailyFetch> output, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var first = 0; // sources before this index went down earlier in the run and are not asked again
            foreach (var date in dates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await FetchDateAsync(date, chain, first, cancellationToken);
                first = result.NextFirst;
                await output.WriteAsync(result, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    /// <summary>Fetches one date from the first source that serves it. <see cref="DailyFetch.NextFirst"/> is where later
    /// dates start in the chain: past the sources that were down for this date when another one then served it;
    /// unchanged when no source could serve the date (then the date itself is the problem, not the sources).</summary>
    private static async Task<DailyFetch> FetchDateAsync(string date, IReadOnlyList<IStockDataSource> chain, int first, CancellationToken cancellationToken)
    {
        var failures = new List<(string Source, SourceUnavailableException Error)>();
        var allBeforeWereDown = true;
        for (var index = first; index < chain.Count; index++)
        {
            var source = chain[index];
            try
            {
                var rows = await source.FetchDailyBasicAsync(date, cancellationToken);
                // What the source says about this read is taken now: the next date's fetch replaces it.
                var rejected = source is IReportsRejectedRows r ? r.LastRejected : default;
                var warnings = source is IReportsSourceWarnings w ? w.LastWarnings.ToList() : [];
                return new DailyFetch(date, failures, source, rows, rejected, warnings, allBeforeWereDown ? index : first);
            }
            catch (SourceUnavailableException ex)
            {
                failures.Add((source.Name, ex));
                allBeforeWereDown &= ex.Kind != SourceFailureKind.NotSupported;
            }
        }

        return new DailyFetch(date, failures, null, [], default, [], first);
    }

    private async Task WriteDateAsync(RunContext context, DailyFetch fetch)
    {
        foreach (var (source, error) in fetch.Failures)
        {
            LogFallback(logger, source, fetch.Date, error.Message);
            context.Recorder.CountSource(source, 0, 0);
        }

        if (fetch.Source is not { } served)
        {
            context.Recorder.FailDate(fetch.Date);
            return;
        }

        context.Recorder.UseSource("daily_data", served.Name, served.IsSynthetic);
        context.Recorder.AddDelivered(fetch.Rows.Count);
        context.Recorder.CountRejected(served.Name, fetch.Rejected);
        context.Recorder.NoteWarnings(fetch.Warnings);
        var stored = fetch.Rows.Select(r => r with { Source = served.Name, TradeDate = fetch.Date }).ToList();
        var written = await writer.WriteAsync(context, Table, stored, store.UpsertAsync, batchSize: options.CurrentValue.DailyBatchSize, tradeDate: fetch.Date);
        context.Recorder.CountSource(served.Name, fetch.Rows.Count, written.Inserted + written.Updated);
        context.Recorder.DateDone(fetch.Date);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} failed for daily basic of {TradeDate}: {Reason}")]
    private static partial void LogFallback(ILogger logger, string source, string tradeDate, string reason);

    /// <summary>One date as fetched: the sources that failed for it, and the rows of the one that served it (if any).</summary>
    private sealed record DailyFetch(
        string Date,
        IReadOnlyList<(string Source, SourceUnavailableException Error)> Failures,
        IStockDataSource? Source,
        IReadOnlyList<DailyBasic> Rows,
        (int Count, IReadOnlyList<string> Samples) Rejected,
        IReadOnlyList<string> Warnings,
        int NextFirst);
}

/// <summary>What a daily batch covers: a range (its open days from the calendar) or explicit dates (missing fill).</summary>
public sealed record DailyBasicPlan(DateOnly Start, DateOnly End, IReadOnlyList<string> Preferred, IReadOnlyList<string>? Dates = null);
