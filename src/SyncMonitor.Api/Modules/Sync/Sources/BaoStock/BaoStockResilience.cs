using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>The TCP source's Polly pipeline: jittered exponential retry and a circuit breaker for transient failures
/// (socket errors, timeouts, garbled or truncated frames, the server's network/system error codes), and a timeout per
/// attempt. Refused logins and other deterministic answers are neither retried nor counted by the breaker.</summary>
internal static class BaoStockResilience
{
    public static IServiceCollection AddBaoStockPipeline(this IServiceCollection services)
        => services.AddResiliencePipeline(BaoStockSource.PipelineName, (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<BaoStockOptions>>().Value;
            var health = context.ServiceProvider.GetRequiredService<SourceHealthRegistry>().For(SourceNames.BaoStock);
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            if (settings.MaxRetries > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = IsTransient(),
                    MaxRetryAttempts = settings.MaxRetries,
                    Delay = settings.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    MaxDelay = TimeSpan.FromSeconds(30),
                });
            }

            pipeline
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = IsTransient(),
                    FailureRatio = settings.BreakerFailureRatio,
                    MinimumThroughput = settings.BreakerMinimumThroughput,
                    SamplingDuration = settings.BreakerSampling,
                    BreakDuration = settings.BreakerBreak,
                    StateProvider = health.Breaker,
                })
                .AddTimeout(settings.Timeout);
        });

    private static PredicateBuilder<object> IsTransient() => new PredicateBuilder()
        .Handle<SocketException>()
        .Handle<IOException>()
        .Handle<TimeoutRejectedException>()
        .Handle<SourceProtocolException>(e => e.IsTransient);
}
