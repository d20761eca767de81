namespace SyncMonitor.Api.Modules.Dashboard;

/// <summary>The static dashboard page served at <c>/</c>.</summary>
public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services;

    /// <summary>Static files are public; the page asks for an API key and sends it on every call.</summary>
    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app) => app;
}
