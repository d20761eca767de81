using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>The stock-basics sync (SPEC §3.2): the stock list from the first source that serves it, fundamentals
/// from another source when the list has none (baostock), normalized, then upserted into <c>stock_basic_info</c>.</summary>
public sealed partial class StockBasicsWork(
    IReadOnlyList<string> preferred,
    SourceSelector selector,
    TradeCalendar calendar,
    IStockBasicStore store,
    BulkWriter writer,
    Changes.ChangeTracker changes,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptionsMonitor<DemoSourceOptions> demoOptions,
    ILogger<StockBasicsWork> logger) : ISyncWork
{
    public const string JobName = "stock_basics";
    public const string Table = "stock_basic_info";

    public string Job => JobName;

    public string DataType => Table;

    public IReadOnlyList<ProgressStep> Steps { get; } =
        [new("fetch_list", 0.3), new("normalize", 0.1), new("upsert", 0.5), new("finalize", 0.1)];

    public async Task ExecuteAsync(RunContext context)
    {
        var progress = context.Progress;
        var phases = new PhaseClock();
        await progress.BeginStepAsync("fetch_list", ProgressMessages.FetchingList);
        var (source, rows) = await FetchListAsync(context);
        rows = await AddFundamentalsAsync(context, source, rows);
        phases.Mark("fetch");
        await progress.CompleteStepAsync("fetch_list");

        await progress.BeginStepAsync("normalize", ProgressMessages.Normalizing);
        var valid = StockBasicNormalizer.Normalize(rows, source.Name, time.GetUtcNow(), out var rejected);
        context.Recorder.AddDelivered(rows.Count);
        context.Recorder.AddErrors(rejected.Count, rejected);
        phases.Mark("normalize");
        await progress.CompleteStepAsync("normalize");

        await progress.BeginStepAsync("upsert", ProgressMessages.Writing(valid.Count));
        // The demo companion's list is generated while the list is written (it needs no store); it is written after.
        var companion = DemoCompanion(source);
        var companionRows = companion is null ? null : Task.Run(() => companion.FetchStockListAsync(null, context.CancellationToken));
        (UpsertResult Written, Changes.ChangePlan? Plan) outcome;
        try
        {
            outcome = await WriteWithChangesAsync(context, source.Name, valid);
            phases.Mark("write");
            if (outcome.Plan?.Verdict is not null)
            {
                // Held: the write read the stored rows, the guard said no and nothing was written; the rows are staged
                // and the run ends here (RunHeldException).
                await changes.HoldAsync(context, outcome.Plan, valid);
            }
        }
        catch
        {
            // The run ends here; the companion's list is not written, and its failure (or cancellation) is observed.
            _ = companionRows?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        var (written, plan) = outcome;

        context.Recorder.CountSource(source.Name, rows.Count, written.Inserted + written.Updated);
        if (valid.FirstOrDefault(r => r.TradeDate is not null)?.TradeDate is { } tradeDate)
        {
            context.Recorder.TradeDateWritten(tradeDate);
        }

        if (companion is not null)
        {
            await FillDemoCompanionAsync(context, companion, companionRows!);
        }

        phases.Mark("companion");
        await progress.CompleteStepAsync("upsert");
        await progress.BeginStepAsync("finalize", ProgressMessages.Summarizing);
        if (plan is not null)
        {
            await changes.CommitAsync(context, plan);
        }

        await progress.CompleteStepAsync("finalize");
        phases.Mark("finalize");
        LogPhases(logger, context.TaskId, phases.ToString());
    }

    /// <summary>The list in one fenced write that reads the source's stored rows, computes the change set from them
    /// and lets the guard stop it before anything is written. The plan comes back when the rows were written or held;
    /// null when the write failed (its rows are counted as errors, as a failed batch's are).</summary>
    private async Task<(UpsertResult Written, Changes.ChangePlan? Plan)> WriteWithChangesAsync(RunContext context, string source, IReadOnlyList<StockBasic> rows)
    {
        Changes.ChangePlan? plan = null;
        var applied = false;
        var written = await writer.WriteWholeAsync(context, Table, rows.Count, async ct =>
        {
            var outcome = await store.UpsertSourceAsync(source, rows, context.FencingToken, async stored =>
            {
                plan = await changes.PlanAsync(context, source, stored, rows, guarded: true);
                return plan.Verdict is null;
            }, ct);
            applied = outcome.Written;
            return outcome.Result;
        });
        await context.Progress.ReportAsync("upsert", 1.0);
        return (written, applied || plan?.Verdict is not null ? plan : null);
    }

    private async Task<(IStockDataSource Source, IReadOnlyList<StockBasic> Rows)> FetchListAsync(RunContext context)
    {
        var failures = new List<string>();
        foreach (var source in selector.Chain(SourceCapabilities.StockList, preferred))
        {
            try
            {
                var fetchProgress = new Progress<double>(f => _ = context.Progress.ReportAsync("fetch_list", f * 0.8));
                var rows = await source.FetchStockListAsync(fetchProgress, context.CancellationToken);
                context.Recorder.UseSource("stock_list", source.Name, source.IsSynthetic);
                context.Recorder.CountRejected(source);
                context.Recorder.NoteSourceWarnings(source);
                return (source, rows);
            }
            catch (SourceUnavailableException ex)
            {
                LogFallback(logger, source.Name, "stock_list", ex.Message);
                context.Recorder.CountSource(source.Name, 0, 0);
                failures.Add(ex.Message);
            }
        }

        throw new NoSourceAvailableException("stock list", failures);
    }

    /// <summary>A list without market values (baostock) takes its fundamentals from the next source that has them.</summary>
    private async Task<IReadOnlyList<StockBasic>> AddFundamentalsAsync(RunContext context, IStockDataSource listSource, IReadOnlyList<StockBasic> rows)
    {
        if (rows.Count == 0 || rows.Any(r => r.TotalMv is not null))
        {
            return rows;
        }

        var failures = new List<string>();
        foreach (var source in selector.Chain(SourceCapabilities.DailyBasic, preferred).Where(s => s != listSource))
        {
            try
            {
                var tradeDate = await calendar.LatestOpenDayAsync(TradeDates.Today(time), preferred, context.Recorder, context.CancellationToken)
                    ?? throw new SourceUnavailableException(source.Name, SourceFailureKind.BadResponse, "no trade day in the last 30 days");
                var daily = (await source.FetchDailyBasicAsync(tradeDate, context.CancellationToken)).ToDictionary(d => d.Code);
                context.Recorder.UseSource("daily_data", source.Name, source.IsSynthetic);
                context.Recorder.NoteSourceWarnings(source);
                var merged = rows.Select(r => daily.TryGetValue(r.Code, out var d) ? r.WithFundamentals(d) : r).ToList();
                context.Recorder.CountSource(source.Name, daily.Count, merged.Count(r => r.TotalMv is not null));
                return merged;
            }
            catch (SourceUnavailableException ex)
            {
                LogFallback(logger, source.Name, "daily_data", ex.Message);
                failures.Add(ex.Message);
            }
        }

        context.Recorder.Warn(new NoSourceAvailableException("fundamentals", failures).Message);
        return rows;
    }

    /// <summary>The two demo variants are one install's data: a sync from one fills the other too, so a cross-source
    /// check works on a fresh demo install without a second, hand-started sync. A failing companion is only logged.</summary>
    private IStockDataSource? DemoCompanion(IStockDataSource source)
    {
        var companionName = source.Name switch
        {
            DemoMarket.Primary => DemoMarket.Alternate,
            DemoMarket.Alternate => DemoMarket.Primary,
            _ => null,
        };
        if (companionName is null || !demoOptions.Get(source.Name).FillsCompanion
            || selector.Find(companionName) is not { Enabled: true, IsSynthetic: true } companion)
        {
            return null;
        }

        return companion;
    }

    private async Task FillDemoCompanionAsync(RunContext context, IStockDataSource companion, Task<IReadOnlyList<StockBasic>> fetched)
    {
        try
        {
            var rows = await fetched;
            context.Recorder.UseSource("stock_list", companion.Name, companion.IsSynthetic);
            var valid = StockBasicNormalizer.Normalize(rows, companion.Name, time.GetUtcNow(), out var rejected);
            context.Recorder.AddDelivered(rows.Count);
            context.Recorder.AddErrors(rejected.Count, rejected);
            // One fenced write, as the list's own: one transaction and one lookup of the stored keys instead of one per
            // Sync:BatchSize rows (a warm companion write took longer than the list's in ten batches).
            var written = await writer.WriteWholeAsync(context, Table, valid.Count, ct => store.UpsertAsync(valid, context.FencingToken, ct));
            context.Recorder.CountSource(companion.Name, rows.Count, written.Inserted + written.Updated);
        }
        catch (SourceUnavailableException ex)
        {
            // The run asked for one source's list and got it; the companion is a convenience, so it is logged only.
            LogCompanionFailed(logger, companion.Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stock basics {TaskId} phases (ms, progress writes included): {Phases}")]
    private static partial void LogPhases(ILogger logger, string taskId, string phases);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo companion {Source} could not be filled: {Reason}")]
    private static partial void LogCompanionFailed(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} failed for {DataKind}, falling back: {Reason}")]
    private static partial void LogFallback(ILogger logger, string source, string dataKind, string reason);
}
