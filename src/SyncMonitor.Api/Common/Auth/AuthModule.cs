using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Auth;

public static class AuthModule
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Fail closed: an endpoint that forgets to name a policy still needs a valid key.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, p => p.RequireRole("viewer", "operator", "admin"))
            .AddPolicy(Policies.Operator, p => p.RequireRole("operator", "admin"))
            .AddPolicy(Policies.Admin, p => p.RequireRole("admin"));
        return services;
    }

    /// <summary>Builds the key registry at startup so the admin key file exists and is announced
    /// before the first request.</summary>
    public static WebApplication UseApiKeyAuthentication(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<ApiKeyRegistry>();
        app.UseAuthentication();
        return app;
    }

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuthApiPaths.Me, (HttpContext http) => TypedResults.Ok(ApiUser.From(http.User)!))
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetCurrentUser")
            .WithTags("Auth")
            .Produces<ApiUser>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}

public static class AuthApiPaths
{
    public const string Me = "/api/auth/me";
}
