namespace SyncMonitor.Api.Modules.Notifications;

/// <summary>The Notifications module's whole surface: its services and its endpoints.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints) => endpoints;
}
