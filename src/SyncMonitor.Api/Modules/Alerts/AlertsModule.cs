namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The Alerts module's whole surface: its services and its endpoints.</summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
        => services.AddSingleton<IAlertRaiser, LoggingAlertRaiser>();

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder endpoints) => endpoints;
}
