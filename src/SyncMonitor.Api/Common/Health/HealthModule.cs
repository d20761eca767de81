using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SyncMonitor.Api.Common.Storage;

namespace SyncMonitor.Api.Common.Health;

public static class HealthModule
{
    public const string ReadyTag = "ready";

    /// <summary>Liveness has no checks; readiness checks the store and, when configured, Redis.
    /// Modules add their own ready checks with the <see cref="ReadyTag"/>.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<Redis.RedisHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(HealthApiPaths.Live, new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        endpoints.MapHealthChecks(HealthApiPaths.Ready, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return endpoints;
    }
}

public static class HealthApiPaths
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
}

internal sealed class StoreHealthCheck(IStoreHealthProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await probe.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason is reported by type only: connection strings can sit in driver messages.
            return HealthCheckResult.Unhealthy($"store unreachable ({ex.GetType().Name})");
        }
    }
}
