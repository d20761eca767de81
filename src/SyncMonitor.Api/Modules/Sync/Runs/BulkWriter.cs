using Microsoft.Extensions.Options;
using Polly;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Writes a run's rows in batches of <c>Sync:BatchSize</c>, each with the run's fencing token, retrying
/// transient store errors. A batch still failing after its retries is counted as errors and the run goes on
/// (SPEC §2); a refused fencing token stops the run, since it no longer holds the lease.</summary>
public sealed partial class BulkWriter
{
    private readonly ResiliencePipeline _retry;
    private readonly IOptionsMonitor<SyncOptions> _options;
    private readonly IOperationTimings _timings;
    private readonly SyncMetrics _metrics;
    private readonly ILogger<BulkWriter> _logger;

    public BulkWriter(IOptionsMonitor<SyncOptions> options, TimeProvider time, IOperationTimings timings, SyncMetrics metrics, ILogger<BulkWriter> logger)
    {
        _options = options;
        _timings = timings;
        _metrics = metrics;
        _logger = logger;
        _retry = TransientStoreErrors.BuildRetryPipeline(options.CurrentValue.WriteRetries, time);
    }

    public delegate Task<UpsertResult> Upsert<T>(IReadOnlyList<T> rows, long fencingToken, CancellationToken cancellationToken);

    public async Task<UpsertResult> WriteAsync<T>(
        RunContext context, string table, IReadOnlyList<T> rows, Upsert<T> upsert, Func<double, Task>? reportFraction = null, int? batchSize = null, string? tradeDate = null)
    {
        var size = batchSize ?? _options.CurrentValue.BatchSize;
        var total = UpsertResult.Empty;
        for (var start = 0; start < rows.Count; start += size)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var batch = rows.Skip(start).Take(size).ToList();
            var result = await WriteOneAsync(context, table, batch.Count, $"batch {start / size + 1}", ct => upsert(batch, context.FencingToken, ct), tradeDate);
            total = total.Add(result);
            if (reportFraction is not null)
            {
                await reportFraction(Math.Min(1.0, (start + batch.Count) / (double)rows.Count));
            }
        }

        return total;
    }

    /// <summary>Writes <paramref name="count"/> rows in one store call — a write that must see a whole list at once,
    /// such as a source's stock list with its change set — with a batch's timing, retries and accounting.</summary>
    public Task<UpsertResult> WriteWholeAsync(RunContext context, string table, int count, Func<CancellationToken, Task<UpsertResult>> write)
        => WriteOneAsync(context, table, count, "all rows", write, tradeDate: null);

    private async Task<UpsertResult> WriteOneAsync(
        RunContext context, string table, int count, string label, Func<CancellationToken, Task<UpsertResult>> write, string? tradeDate)
    {
        UpsertResult result;
        try
        {
            result = await _timings.TimeAsync($"store.{table}.upsert", async () =>
                await _retry.ExecuteAsync(async ct => await write(ct), context.CancellationToken));
        }
        catch (Exception ex) when (TransientStoreErrors.IsTransient(ex))
        {
            LogBatchFailed(_logger, ex, table, count, context.TaskId);
            result = new UpsertResult(0, 0, count, [new RowError(label, $"store unavailable ({ex.GetType().Name})")]);
        }

        context.Recorder.AddWritten(result, tradeDate);
        _metrics.RowsWritten(table, result);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} rows for {Table} failed after retries in run {TaskId}; counted as errors")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string table, int count, string taskId);
}
