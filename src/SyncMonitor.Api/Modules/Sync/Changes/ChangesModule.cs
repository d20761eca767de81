using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>Change sets of stock-basics runs and the guard that holds a suspicious run back (part of the Sync module).</summary>
internal static class ChangesModule
{
    public static IServiceCollection AddSyncChanges(this IServiceCollection services)
    {
        services.AddValidatedOptions<SyncGuardOptions>(SyncGuardOptions.Section);
        services.AddChangeStorage();
        services.AddSingleton<ChangeTracker>();
        return services;
    }

    public static IEndpointRouteBuilder MapSyncChanges(this IEndpointRouteBuilder endpoints)
    {
        ChangeEndpoints.Map(endpoints);
        return endpoints;
    }
}
