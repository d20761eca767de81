using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The Progress module's whole surface: the tracker (Redis, file fallback), its clock and its endpoint.</summary>
public static class ProgressModule
{
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProgressOptions>(ProgressOptions.Section);
        services.AddStartupSeries<ProgressMetrics>();
        services.AddSingleton<RedisProgressStore>();
        services.AddSingleton<FileProgressStore>();
        services.AddSingleton<IProgressStore, FailoverProgressStore>();
        services.AddSingleton<ProgressWriter>();
        services.AddSingleton<ProgressTracker>();
        services.AddSingleton<IProgressTracker>(sp => sp.GetRequiredService<ProgressTracker>());
        services.AddHostedService<ProgressMaintenanceService>();
        return services;
    }

    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder endpoints) => endpoints.MapProgressEndpoints();
}
