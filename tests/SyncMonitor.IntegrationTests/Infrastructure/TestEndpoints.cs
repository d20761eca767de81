using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.IntegrationTests.Infrastructure;

/// <summary>Endpoints that exist only in tests, appended behind the app's own pipeline so the app's
/// error handling, authentication and rate limiting wrap them exactly as they wrap real endpoints.</summary>
public static class TestEndpoints
{
    public const string OperatorOnly = "/api/test/operator-only";
    public const string AdminOnly = "/api/test/admin-only";
    public const string Throws = "/api/test/throws";
    public const string Invalid = "/api/test/invalid";
    public const string Echo = "/api/test/echo";
    public const string LeakySecret = "hunter2-secret-in-exception";

    /// <summary>A read marked for the operation log.</summary>
    public const string AuditedRead = "/api/test/audited-read";

    /// <summary>A mutating call with a route value and operation-log metadata (operator).</summary>
    public const string AuditedWrite = "/api/test/audited/{name}";

    /// <summary>Echoes the connection's remote address as the app sees it.</summary>
    public const string RemoteIp = "/api/test/remote-ip";

    public const string AuditedActionType = "test";

    public sealed record EchoRequest(string Name, int Count);

    public static SyncMonitorFactory WithTestEndpoints(this SyncMonitorFactory factory)
        => factory.WithServices(services => services.AddSingleton<IStartupFilter, Filter>());

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseAuthorization();
            app.UseEndpoints(endpoints =>
            {
                endpoints.MapPost(OperatorOnly, () => TypedResults.Ok("operator")).RequireAuthorization(Policies.Operator);
                endpoints.MapPost(AdminOnly, () => TypedResults.Ok("admin")).RequireAuthorization(Policies.Admin);
                endpoints.MapGet(Throws, string () => throw new InvalidOperationException("Password=" + LeakySecret))
                    .RequireAuthorization(Policies.Viewer);
                endpoints.MapGet(Invalid, string () => throw new ValidationException("page_size", "page_size must be between 1 and 200."))
                    .RequireAuthorization(Policies.Viewer);
                endpoints.MapPost(Echo, (EchoRequest request) => TypedResults.Ok(request)).RequireAuthorization(Policies.Operator);
                endpoints.MapPost(Throws, string () => throw new InvalidOperationException("Password=" + LeakySecret))
                    .RequireAuthorization(Policies.Operator);
                endpoints.MapGet(AuditedRead, () => TypedResults.Ok("read"))
                    .RequireAuthorization(Policies.Viewer).Audited(AuditedActionType, "Audited read");
                endpoints.MapPost(AuditedWrite, (string name) => TypedResults.Ok(name))
                    .RequireAuthorization(Policies.Operator).Audited(AuditedActionType, "Audited write");
                endpoints.MapGet(RemoteIp, (HttpContext http) => TypedResults.Ok(http.Connection.RemoteIpAddress?.ToString()))
                    .RequireAuthorization(Policies.Viewer);
            });
        };
    }
}
