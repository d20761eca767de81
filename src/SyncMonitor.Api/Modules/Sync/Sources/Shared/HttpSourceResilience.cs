using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>The named <see cref="HttpClient"/> of an HTTP source: no request/response logging (bodies can carry
/// secrets), no client-wide timeout (the pipeline owns time), and a resilience handler built from the source's own
/// settings — jittered exponential retry of transient failures, a circuit breaker whose state the source's
/// <see cref="SourceHealth"/> reads, and a per-attempt timeout.</summary>
internal static class HttpSourceResilience
{
    public static void AddSourceHttpClient<TOptions>(this IServiceCollection services, string source)
        where TOptions : SourceResilienceSettings
        => services
            .AddHttpClient(source, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler(source, (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
                var health = context.ServiceProvider.GetRequiredService<SourceHealthRegistry>().For(source);
                if (settings.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        Delay = settings.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        MaxDelay = TimeSpan.FromSeconds(30),
                    });
                }

                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = settings.BreakerFailureRatio,
                        MinimumThroughput = settings.BreakerMinimumThroughput,
                        SamplingDuration = settings.BreakerSampling,
                        BreakDuration = settings.BreakerBreak,
                        StateProvider = health.Breaker,
                    })
                    .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.Timeout });
            });
}
