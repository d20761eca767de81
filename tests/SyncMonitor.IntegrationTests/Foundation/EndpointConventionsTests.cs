using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>Conventions every module's endpoints keep, checked over the app's whole endpoint table.</summary>
public sealed class EndpointConventionsTests : IClassFixture<SyncMonitorFactory>
{
    private readonly SyncMonitorFactory _host;

    public EndpointConventionsTests(SyncMonitorFactory host) => _host = host;

    private IReadOnlyList<RouteEndpoint> ApiEndpoints()
    {
        _ = _host.CreateClient();
        return _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .ToList();
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint)
        => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];

    [Fact]
    public void Every_mutating_api_endpoint_says_what_the_operation_log_records()
    {
        var mutating = ApiEndpoints().Where(e => Methods(e).Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE")).ToList();

        mutating.Should().NotBeEmpty();
        mutating.Where(e => e.Metadata.GetMetadata<AuditMetadata>() is null)
            .Select(e => e.RoutePattern.RawText).Should().BeEmpty("every mutating endpoint carries .Audited(...)");
    }

    [Fact]
    public void Every_api_endpoint_names_a_role_policy()
    {
        var anonymousOrUnnamed = ApiEndpoints()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => string.IsNullOrEmpty(a.Policy)))
            .Select(e => $"{string.Join(",", Methods(e))} {e.RoutePattern.RawText}");

        anonymousOrUnnamed.Should().BeEmpty("reads need viewer, changes operator or admin (SPEC §9)");
    }
}
