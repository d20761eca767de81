using System.Globalization;
using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Consistency.Compensation;

/// <summary>Re-syncs the planned trade dates under the global lock: fetches each date's daily basic from the source
/// chain (the date's own sources first, and only those when the runs recorded them), and inserts only rows whose
/// (code, trade_date, source) is not stored — existing rows are never changed. The keys are recorded before the
/// write and confirmed after it, so a crash mid-write still leaves a record a rollback can use.</summary>
internal sealed partial class CompensationWork(
    CompensationRecord initial,
    ICompensationStore compensations,
    IDailyBasicStore store,
    SourceSelector selector,
    BulkWriter writer,
    TimeProvider time,
    ILogger<CompensationWork> logger) : ISyncWork
{
    public const string JobName = "compensation";
    private const string Step = "compensate";

    private readonly CompensationRecord _initial = initial;
    private CompensationRecord _record = initial;

    public string Job => JobName;

    public string DataType => DailyBasicWork.Table;

    public string? StartDate => _initial.Dates.Count == 0 ? null : _initial.Dates[0].TradeDate;

    public string? EndDate => _initial.Dates.Count == 0 ? null : _initial.Dates[^1].TradeDate;

    public IReadOnlyList<ProgressStep> Steps { get; } = [new(Step, 1.0)];

    public async Task ExecuteAsync(RunContext context)
    {
        _record = _initial with { Id = context.TaskId, FencingToken = context.FencingToken };
        await compensations.SaveAsync(_record, CancellationToken.None);
        context.Recorder.TotalDays = _record.Dates.Count;
        await context.Progress.BeginStepAsync(Step, ProgressMessages.TradingDays(_record.Dates.Count));
        try
        {
            for (var i = 0; i < _initial.Dates.Count; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                await CompensateDateAsync(context, _initial.Dates[i]);
                await context.Progress.ReportAsync(Step, (i + 1) / (double)_initial.Dates.Count,
                    string.Create(CultureInfo.InvariantCulture, $"{_initial.Dates[i].TradeDate} ({i + 1}/{_initial.Dates.Count})"));
            }
        }
        catch (Exception ex)
        {
            // The record says how it ended, with every key written so far; the SyncManager records the run itself.
            await FinishAsync(ex is OperationCanceledException ? CompensationStatus.Cancelled : CompensationStatus.Failed,
                ex is OperationCanceledException ? "cancelled" : $"failed ({ex.GetType().Name}); see the service log");
            throw;
        }

        var partial = _record.FailedDates.Count > 0 || context.Recorder.Errors > 0;
        var status = _record.FailedDates.Count == _initial.Dates.Count ? CompensationStatus.Failed
            : partial ? CompensationStatus.CompletedWithErrors
            : CompensationStatus.Completed;
        await FinishAsync(status, partial ? $"{_record.FailedDates.Count} dates could not be fetched, {context.Recorder.Errors} rows failed" : "completed");
        await context.Progress.CompleteStepAsync(Step);
    }

    private async Task CompensateDateAsync(RunContext context, CompensationDate date)
    {
        foreach (var source in Candidates(date))
        {
            IReadOnlyList<Common.MarketData.DailyBasic> rows;
            try
            {
                rows = await source.FetchDailyBasicAsync(date.TradeDate, context.CancellationToken);
            }
            catch (SourceUnavailableException ex)
            {
                LogFallback(logger, source.Name, date.TradeDate, ex.Message);
                context.Recorder.CountSource(source.Name, 0, 0);
                continue;
            }

            context.Recorder.UseSource("daily_data", source.Name, source.IsSynthetic);
            context.Recorder.AddDelivered(rows.Count);
            context.Recorder.CountRejected(source);
            var inserted = await InsertMissingAsync(context, date.TradeDate, source.Name, rows);
            context.Recorder.CountSource(source.Name, rows.Count, inserted);
            context.Recorder.DateWritten(date.TradeDate, inserted);
            return;
        }

        context.Recorder.FailDate(date.TradeDate);
        _record = _record with { FailedDates = [.. _record.FailedDates, date.TradeDate] };
        await compensations.SaveAsync(_record, CancellationToken.None);
    }

    /// <summary>Only keys not stored now are written; we hold the lock, so nothing else writes in between.</summary>
    private async Task<long> InsertMissingAsync(RunContext context, string tradeDate, string source, IReadOnlyList<Common.MarketData.DailyBasic> rows)
    {
        var present = (await store.ListCodesAsync(tradeDate, source, context.CancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = rows.Where(r => !present.Contains(r.Code)).DistinctBy(r => r.Code)
            .Select(r => r with { Source = source, TradeDate = tradeDate }).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var intended = WrittenRows.Of(tradeDate, source, missing.Select(r => r.Code), confirmed: false);
        _record = _record with { Written = [.. _record.Written, intended] };
        await compensations.SaveAsync(_record, CancellationToken.None);
        foreach (var batch in missing.Chunk(_initial.Request.BatchSize))
        {
            await writer.WriteAsync(context, DailyBasicWork.Table, batch, store.UpsertAsync);
        }

        var after = (await store.ListCodesAsync(tradeDate, source, context.CancellationToken)).ToHashSet(StringComparer.Ordinal);
        var written = WrittenRows.Of(tradeDate, source, intended.CodeList().Where(after.Contains), confirmed: true);
        _record = _record with { Written = [.. _record.Written.SkipLast(1), written], RowsWritten = _record.RowsWritten + written.Count };
        await compensations.SaveAsync(_record, CancellationToken.None);
        return written.Count;
    }

    /// <summary>The chain with the date's sources first; when the runs recorded their sources, only those (rows
    /// under another source would not make their output whole).</summary>
    private IEnumerable<IStockDataSource> Candidates(CompensationDate date)
    {
        var preferred = (date.Sources ?? []).Where(name => selector.Find(name) is not null).ToList();
        var chain = selector.Chain(SourceCapabilities.DailyBasic, preferred);
        return date.Sources is null ? chain : chain.Where(s => date.Sources.Contains(s.Name, StringComparer.Ordinal));
    }

    private Task FinishAsync(CompensationStatus status, string message)
    {
        _record = _record with { Status = status, Message = message, FinishedAt = time.GetUtcNow() };
        return compensations.SaveAsync(_record, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compensation: source {Source} failed for daily basic of {TradeDate}: {Reason}")]
    private static partial void LogFallback(ILogger logger, string source, string tradeDate, string reason);
}
