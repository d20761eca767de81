using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Drains the queue into the store in batches: a batch is written when it is full or when the flush
/// interval has passed since its first entry. A failing store is retried with capped exponential backoff for as
/// long as it takes — meanwhile the bounded queue fills and further entries are dropped and counted, so memory
/// never grows past the queue. On graceful shutdown the queue is closed and everything in it is written.</summary>
internal sealed partial class OperationLogWriter : BackgroundService
{
    private readonly OperationLogQueue _queue;
    private readonly IOperationLogStore _store;
    private readonly TimeProvider _time;
    private readonly OperationLogMetrics _metrics;
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
        ILogger<OperationLogWriter> logger)
    {
        (_queue, _store, _time, _metrics, _logger) = (queue, store, time, metrics, logger);
        _batchSize = options.Value.BatchSize;
        _flushInterval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs);
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
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
        try
        {
            await _retry.ExecuteAsync(
                static (state, token) => new ValueTask(state.Store.InsertManyAsync(state.Entries, token)),
                (Store: _store, Entries: entries),
                _abandon.Token);
            _metrics.Written(entries.Count);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            LogAbandoned(_logger, entries.Count);
        }

        batch.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing operation-log entries failed ({ErrorType}); attempt {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, string errorType, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown timeout reached: {Count} operation-log entries could not be stored")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
