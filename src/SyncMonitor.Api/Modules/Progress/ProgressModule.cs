namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The Progress module's whole surface: its services and its endpoints.</summary>
public static class ProgressModule
{
    public static IServiceCollection AddProgress(this IServiceCollection services)
        => services.AddSingleton<IProgressTracker, InMemoryProgressTracker>();

    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder endpoints) => endpoints;
}
