using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Consistency.Integrity;

namespace SyncMonitor.Api.Modules.Consistency;

/// <summary>The Consistency module's whole surface: its services and its endpoints.</summary>
public static class ConsistencyModule
{
    public static IServiceCollection AddConsistency(this IServiceCollection services)
        => services.AddSingleton<IConsistencyVerdictReader, NoConsistencyVerdicts>()
            .AddIntegrityMonitoring()
            .AddCompensation();

    public static IEndpointRouteBuilder MapConsistency(this IEndpointRouteBuilder endpoints)
        => endpoints.MapIntegrityMonitoring().MapCompensation();
}
