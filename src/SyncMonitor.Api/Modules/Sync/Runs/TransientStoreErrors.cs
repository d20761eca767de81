using Microsoft.Data.Sqlite;
using MongoDB.Driver;
using Polly;
using Polly.Retry;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Store errors worth retrying (SPEC §2: timeouts and transient errors, backoff 2^n s, at most 3 retries).</summary>
public static class TransientStoreErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        MongoConnectionException or MongoExecutionTimeoutException or MongoWaitQueueFullException => true,
        MongoException mongo => mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError"),
        TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>Retries transient store errors with exponential backoff from one second.</summary>
    public static ResiliencePipeline BuildRetryPipeline(int retries, TimeProvider time)
        => new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = Math.Max(1, retries),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                UseJitter = false,
            })
            .Build();
}
