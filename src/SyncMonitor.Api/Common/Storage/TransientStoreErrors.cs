using Microsoft.Data.Sqlite;
using MongoDB.Driver;
using Polly;
using Polly.Retry;

namespace SyncMonitor.Api.Common.Storage;

/// <summary>Store errors worth retrying: the store was unreachable, busy, stepping down or timed out, and the same write
/// can succeed later (SPEC §2). Anything else — a write the store refuses, a document it cannot hold — fails again.</summary>
public static class TransientStoreErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        MongoConnectionException or MongoExecutionTimeoutException or MongoWaitQueueFullException => true,
        MongoNotPrimaryException or MongoNodeIsRecoveringException => true,
        MongoException mongo => mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError"),
        TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>Retries transient store errors with exponential backoff from one second (2^n s, SPEC §2).</summary>
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
