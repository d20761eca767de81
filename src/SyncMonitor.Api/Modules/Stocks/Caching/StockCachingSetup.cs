using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Common.Redis;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

internal static class StockCachingSetup
{
    /// <summary>Key of the counted Redis cache HybridCache uses as its second level. Keyed, so the process-wide
    /// <see cref="IDistributedCache"/> (if another module ever registers one) is neither replaced nor used.</summary>
    public const string L2ServiceKey = "syncmonitor.stocks.l2";

    /// <summary>Prefix of every Redis key of the cache.</summary>
    public const string RedisInstanceName = "syncmonitor:cache:";

    public static IServiceCollection AddStockCaching(this IServiceCollection services)
    {
        services.AddHybridCache(options =>
        {
            // A list page of 200 or a year of daily rows fits well below this.
            options.MaximumPayloadBytes = 8 * 1024 * 1024;
        });
        // L2 only when Redis is configured; HybridCache reads this key when it is built.
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<RedisOptions>>((options, redis) =>
            options.DistributedCacheServiceKey = redis.Value.Enabled ? L2ServiceKey : null);
        services.AddKeyedSingleton<IDistributedCache>(L2ServiceKey, (sp, _) => new CountingDistributedCache(
            new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = RedisInstanceName,
                // The process's one multiplexer (Common/Redis), which reconnects by itself.
                ConnectionMultiplexerFactory = async () => (await sp.GetRequiredService<RedisConnection>().GetMultiplexerAsync())!,
            })),
            sp.GetRequiredService<CacheStatistics>()));

        services.AddStartupSeries<CacheMetrics>();
        services.AddSingleton<CacheStatistics>();
        services.AddSingleton<StockCache>();
        services.AddSingleton<StockListResponses>();
        services.AddSingleton<CacheInvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationBus>());
        services.AddSingleton<StockCacheInvalidator>();
        services.AddSingleton<ISyncRunListener>(sp => sp.GetRequiredService<StockCacheInvalidator>());
        services.AddSingleton<IStockDataChangeNotifier>(sp => sp.GetRequiredService<StockCacheInvalidator>());
        return services;
    }
}
