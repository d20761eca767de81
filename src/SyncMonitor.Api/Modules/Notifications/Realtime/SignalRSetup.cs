using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Redis;
using AppRedisOptions = SyncMonitor.Api.Common.Redis.RedisOptions;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace SyncMonitor.Api.Modules.Notifications.Realtime;

/// <summary>SignalR with the app's snake_case JSON, and the Redis backplane (channel prefix
/// <see cref="ChannelPrefix"/>) when <c>Redis:ConnectionString</c> is set, so an event raised on one instance
/// reaches clients connected to any instance. Without Redis, events stay in the process.</summary>
internal static class SignalRSetup
{
    public const string ChannelPrefix = "syncmonitor";

    public static IServiceCollection AddNotificationsHub(this IServiceCollection services)
    {
        services.AddSignalR(options => options.EnableDetailedErrors = false)
            .AddJsonProtocol(options => JsonSetup.Apply(options.PayloadSerializerOptions));
        services.AddOptions<SignalRRedisOptions>().Configure<IOptions<AppRedisOptions>>((signalR, redis) =>
        {
            if (redis.Value.Enabled)
            {
                signalR.Configuration = RedisConnection.BuildConfiguration(redis.Value.ConnectionString);
                // The client library prepends the prefix verbatim: channels read syncmonitor:{hub}:...
                signalR.Configuration.ChannelPrefix = RedisChannel.Literal(ChannelPrefix + ":");
            }
        });
        // Chosen when first resolved, like the stores, so configuration alone decides.
        services.AddSingleton<HubLifetimeManager<NotificationsHub>>(sp =>
            sp.GetRequiredService<IOptions<AppRedisOptions>>().Value.Enabled
                ? ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<NotificationsHub>>(sp)
                : ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<NotificationsHub>>(sp));
        services.AddSingleton<HubRealtimePublisher>();
        services.AddSingleton<IRealtimePublisher>(sp => sp.GetRequiredService<HubRealtimePublisher>());
        return services;
    }
}
