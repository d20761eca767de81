using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Notifications.Realtime;
using SyncMonitor.Api.Modules.Notifications.Storage;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Notifications;

/// <summary>The Notifications module's whole surface: <see cref="INotificationPublisher"/> and
/// <see cref="IRealtimePublisher"/> for other modules, the store, the sync-run notifier, the endpoints under
/// <see cref="NotificationsApiPaths"/> and the SignalR hub at <see cref="NotificationsApiPaths.Hub"/>.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddNotificationStorage();
        services.AddNotificationsHub();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<INotificationPublisher>(sp => sp.GetRequiredService<NotificationService>());
        services.AddHostedService<NotificationRetentionService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncRunListener, SyncRunNotifier>());
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNotificationsEndpoints();
        endpoints.MapHub<NotificationsHub>(NotificationsApiPaths.Hub).RequireAuthorization(Policies.Viewer);
        return endpoints;
    }

    /// <summary>The store alone (both providers), as the contract tests use it. The TTL index takes the
    /// configured retention, so the index set is built from the options.</summary>
    internal static IServiceCollection AddNotificationStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<NotificationsOptions>(NotificationsOptions.Section);
        services.AddStore<INotificationStore, SqliteNotificationStore, MongoNotificationStore>();
        services.AddSqliteSchema(NotificationsSchema.Collection, NotificationsSchema.SqliteDdl);
        services.AddSingleton<MongoIndexSet>(sp =>
            NotificationsSchema.MongoIndexes(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.RetainDays));
        return services;
    }
}
