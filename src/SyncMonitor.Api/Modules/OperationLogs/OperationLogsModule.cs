namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>The OperationLogs module's whole surface: its services and its endpoints.</summary>
public static class OperationLogsModule
{
    public static IServiceCollection AddOperationLogs(this IServiceCollection services) => services;

    /// <summary>Audits requests; placed after authentication (knows the user) and before authorization
    /// (so 401/403/429 answers are audited too).</summary>
    public static IApplicationBuilder UseOperationLogs(this IApplicationBuilder app) => app;

    public static IEndpointRouteBuilder MapOperationLogs(this IEndpointRouteBuilder endpoints) => endpoints;
}
