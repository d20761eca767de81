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
/// The next dates are fetched while the current ones are written (a bounded channel of <c>Sync:DailyFetchAheadDates</c>
/// dates, so memory stays flat), and the dates fetched by then are written together, up to <c>Sync:DailyBatchSize</c>
/// rows per transaction, each date keeping its own counts.</summary>
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

    public string Job => JobName;

    public string DataType => Table;

    public string? StartDate => TradeDates.Format(plan.Start);

    public string? EndDate => TradeDates.Format(plan.End);

    public IReadOnlyList<ProgressStep> Steps { get; } = [new("trade_calendar", 0.05), new("daily_basic", 0.9), new("finalize", 0.05)];

    public async Task ExecuteAsync(RunContext context)
    {
        var progress = context.Progress;
        await progress.BeginStepAsync("trade_calendar", ProgressMessages.FetchingCalendar);
        var dates = plan.Dates ?? await calendar.OpenDaysAsync(plan.Start, plan.End, plan.Preferred, context.Recorder, context.CancellationToken);
        context.Recorder.TotalDays = dates.Count;
        await progress.CompleteStepAsync("trade_calendar");

        await progress.BeginStepAsync("daily_basic", ProgressMessages.TradingDays(dates.Count));
        var chain = selector.Chain(SourceCapabilities.DailyBasic, plan.Preferred).ToList();
        var settings = options.CurrentValue;
        var fetched = Channel.CreateBounded<DailyFetch>(new BoundedChannelOptions(settings.DailyFetchAheadDates) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var fetching = FetchAllAsync(dates, chain, fetched.Writer, stop.Token);
        try
        {
            var done = 0;
            var pending = new List<DailyFetch>();
            while (await fetched.Reader.WaitToReadAsync(context.CancellationToken))
            {
                // Whatever is fetched goes into the next write, up to a batch: a fast source fills the transaction with
                // several dates, a slow one is not waited for.
                var rows = 0;
                while (rows < settings.DailyBatchSize && fetched.Reader.TryRead(out var date))
                {
                    Take(context, date);
                    pending.Add(date);
                    rows += date.Rows.Count;
                }

                await WriteDatesAsync(context, pending, settings.DailyBatchSize);
                foreach (var date in pending)
                {
                    done++;
                    await progress.ReportAsync("daily_basic", done / (double)dates.Count,
                        string.Create(CultureInfo.InvariantCulture, $"{date.Date} ({done}/{dates.Count})"));
                }

                pending.Clear();
            }
        }
        finally
        {
            await stop.CancelAsync(); // a write that failed stops the fetching too
            await fetching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await progress.CompleteStepAsync("daily_basic");
        await progress.BeginStepAsync("finalize", ProgressMessages.Summarizing);
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

    /// <summary>Records what the fetch of one date said (failed sources, the serving source, rows delivered) as it is
    /// taken for writing; a date no source could serve is failed here.</summary>
    private void Take(RunContext context, DailyFetch fetch)
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
    }

    /// <summary>Writes the served dates in as few store calls as the batch size allows (one transaction each, several
    /// dates per call; a date larger than a batch is split), then marks each date done with its own counts.</summary>
    private async Task WriteDatesAsync(RunContext context, IReadOnlyList<DailyFetch> fetches, int batchSize)
    {
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var call = new List<(string TradeDate, IReadOnlyList<DailyBasic> Rows)>();
        var callRows = 0;
        foreach (var fetch in fetches)
        {
            if (fetch.Source is not { } served)
            {
                continue;
            }

            var stored = Stored(fetch.Rows, served.Name, fetch.Date);
            for (var start = 0; start < stored.Count; start += batchSize)
            {
                var chunk = start == 0 && stored.Count <= batchSize ? stored : stored.Skip(start).Take(batchSize).ToList();
                if (callRows + chunk.Count > batchSize && call.Count > 0)
                {
                    await WriteCallAsync(context, call, written);
                    call.Clear();
                    callRows = 0;
                }

                call.Add((fetch.Date, chunk));
                callRows += chunk.Count;
            }
        }

        if (call.Count > 0)
        {
            await WriteCallAsync(context, call, written);
        }

        foreach (var fetch in fetches)
        {
            if (fetch.Source is { } served)
            {
                context.Recorder.CountSource(served.Name, fetch.Rows.Count, written.GetValueOrDefault(fetch.Date));
                context.Recorder.DateDone(fetch.Date);
            }
        }
    }

    private async Task WriteCallAsync(RunContext context, IReadOnlyList<(string TradeDate, IReadOnlyList<DailyBasic> Rows)> call, Dictionary<string, long> written)
    {
        var results = await writer.WriteDatesAsync(context, Table, call, store.UpsertGroupsAsync);
        for (var i = 0; i < call.Count; i++)
        {
            written[call[i].TradeDate] = written.GetValueOrDefault(call[i].TradeDate) + results[i].Inserted + results[i].Updated;
        }
    }

    /// <summary>The rows as stored: labelled with the serving source and the requested date (copied only when a
    /// source labelled them otherwise).</summary>
    private static IReadOnlyList<DailyBasic> Stored(IReadOnlyList<DailyBasic> rows, string source, string date)
        => rows.All(r => r.Source == source && r.TradeDate == date)
            ? rows
            : rows.Select(r => r with { Source = source, TradeDate = date }).ToList();

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
