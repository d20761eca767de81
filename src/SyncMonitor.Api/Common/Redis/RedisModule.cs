using Microsoft.Extensions.Diagnostics.HealthChecks;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Redis;

public static class RedisModule
{
    public static IServiceCollection AddRedis(this IServiceCollection services)
    {
        services.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        services.AddSingleton<RedisConnection>();
        return services;
    }
}

/// <summary>Ready when Redis is not configured, or configured and answering PING.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.Enabled)
        {
            return HealthCheckResult.Healthy("not configured");
        }

        var database = await redis.TryGetDatabaseAsync();
        if (database is null)
        {
            return HealthCheckResult.Unhealthy("redis not connected");
        }

        try
        {
            await database.PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            return HealthCheckResult.Unhealthy($"redis unreachable ({ex.GetType().Name})");
        }
    }
}
