namespace SyncMonitor.Api.Modules.Notifications;

/// <summary>The Notifications module's whole surface: its services and its endpoints.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<NullNotificationPublisher>();
        services.AddSingleton<INotificationPublisher>(sp => sp.GetRequiredService<NullNotificationPublisher>());
        services.AddSingleton<IRealtimePublisher>(sp => sp.GetRequiredService<NullNotificationPublisher>());
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints) => endpoints;
}
