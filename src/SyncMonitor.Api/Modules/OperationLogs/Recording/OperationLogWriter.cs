using Microsoft.Extensions.Options;
using Polly.Retry;
using Polly;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Drains the queue into the store in batches: a batch is written when it is full or when the flush
/// interval has passed since its first entry. A store that is unreachable or busy (a transient error) is retried with
/// capped exponential backoff for as long as it takes — meanwhile the bounded queue fills and further entries are
/// dropped and counted, so memory never grows past the queue. Any other error is the store refusing something in the
/// batch: retrying it would fail forever and stop audit logging for good, so the batch is stored entry by entry and
/// only the entry the store refuses is dead-lettered (counted, logged, alerted). On graceful shutdown the queue is
/// closed and everything in it is written.</summary>
internal sealed partial class OperationLogWriter : BackgroundService
{
    private readonly OperationLogQueue _queue;
    private readonly IOperationLogStore _store;
    private readonly TimeProvider _time;
    private readonly OperationLogMetrics _metrics;
    private readonly IAlertRaiser _alerts;
    private readonly ILogger<OperationLogWriter> _logger;
    private readonly int _batchSize;
    private readonly TimeSpan _flushInterval;
    private readonly ResiliencePipeline _retry;

    // Cancelled only when the host gives up waiting for the final flush (its shutdown timeout).
    private readonly CancellationTokenSource _abandon = new();

    public OperationLogWriter(
        OperationLogQueue queue,
        IOperationLogStore store,
        IOptions<OperationLogOptions> options,
        TimeProvider time,
        OperationLogMetrics metrics,
        IAlertRaiser alerts,
        ILogger<OperationLogWriter> logger)
    {
        (_queue, _store, _time, _metrics, _alerts, _logger) = (queue, store, time, metrics, alerts, logger);
        _batchSize = options.Value.BatchSize;
        _flushInterval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs);
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientStoreErrors.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    _metrics.WriteFailed();
                    // The type only: driver messages can carry connection strings.
                    LogRetry(_logger, args.AttemptNumber + 1, args.Outcome.Exception?.GetType().Name ?? "unknown", args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var giveUp = cancellationToken.Register(_abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OperationLog>(_batchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(batch, stoppingToken);
                await WriteAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // graceful shutdown: fall through to the final drain
        }

        _queue.Close();
        do
        {
            _queue.Drain(batch, _batchSize);
            await WriteAsync(batch);
        }
        while (_queue.Depth > 0);
    }

    /// <summary>Takes entries until the batch is full, the flush interval since the first one has passed, or the
    /// host stops. In between it sleeps, woken by a full batch rather than by every entry.</summary>
    private async Task FillAsync(List<OperationLog> batch, CancellationToken stoppingToken)
    {
        using var window = new CancellationTokenSource(_flushInterval, _time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stoppingToken);
        while (true)
        {
            _queue.BatchSignal.TryRead(out _);
            _queue.Drain(batch, _batchSize);
            if (batch.Count >= _batchSize || waiting.IsCancellationRequested)
            {
                return;
            }

            if (_queue.WakeWhenQueued(_batchSize - batch.Count))
            {
                continue;
            }

            var signalled = _queue.BatchSignal.WaitToReadAsync(waiting.Token).AsTask();
            await ((Task)signalled).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task WriteAsync(List<OperationLog> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var storedAt = _time.GetUtcNow();
        var entries = batch.Select(entry => entry with { CreatedAt = storedAt }).ToList();
        batch.Clear();
        try
        {
            try
            {
                await StoreAsync(entries);
                return;
            }
            catch (Exception ex) when (!TransientStoreErrors.IsTransient(ex) && ex is not OperationCanceledException)
            {
                LogBatchRefused(_logger, entries.Count, ex.GetType().Name);
            }

            await StoreOneByOneAsync(entries);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            LogAbandoned(_logger, entries.Count);
        }
    }

    /// <summary>Stores the batch, retrying transient errors; a permanent error is thrown.</summary>
    private async Task StoreAsync(IReadOnlyList<OperationLog> entries)
    {
        await _retry.ExecuteAsync(
            static (state, token) => new ValueTask(state.Store.InsertManyAsync(state.Entries, token)),
            (Store: _store, Entries: entries),
            _abandon.Token);
        _metrics.Written(entries.Count);
    }

    /// <summary>After a permanent error: each entry alone, so one the store refuses costs only itself. Entries of the
    /// batch that were stored before the error are not duplicated (the stores skip an id they already hold).</summary>
    private async Task StoreOneByOneAsync(IReadOnlyList<OperationLog> entries)
    {
        foreach (var entry in entries)
        {
            try
            {
                await StoreAsync([entry]);
            }
            catch (Exception ex) when (!TransientStoreErrors.IsTransient(ex) && ex is not OperationCanceledException)
            {
                await DeadLetterAsync(entry, ex);
            }
        }
    }

    private async Task DeadLetterAsync(OperationLog entry, Exception error)
    {
        _metrics.DeadLettered();
        // Who and what, never the details or the store's message: both may repeat what the request sent.
        LogDeadLettered(_logger, entry.Id, entry.ActionType, entry.UserId, error.GetType().Name);
        var signal = AlertSignal.Localized(
            AlertRules.OperationLogDeadLetter,
            AlertLevel.High,
            LocalizedText.Of("Alert.OpLogDeadLetter.Title"),
            LocalizedText.Of("Alert.OpLogDeadLetter.Message", entry.Id, entry.ActionType, entry.UserId, error.GetType().Name),
            new Dictionary<string, string>());
        try
        {
            await _alerts.FireAsync(signal, _abandon.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAlertFailed(_logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing operation-log entries failed ({ErrorType}); attempt {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, string errorType, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The store refused a batch of {Count} operation-log entries ({ErrorType}); storing them one by one")]
    private static partial void LogBatchRefused(ILogger logger, int count, string errorType);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Operation-log entry {EntryId} ({ActionType} by {UserId}) was refused by the store ({ErrorType}) and dead-lettered")]
    private static partial void LogDeadLettered(ILogger logger, string entryId, string actionType, string userId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not raise the operation-log dead-letter alert ({ErrorType})")]
    private static partial void LogAlertFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown timeout reached: {Count} operation-log entries could not be stored")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
