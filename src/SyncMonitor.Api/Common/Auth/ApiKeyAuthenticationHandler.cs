using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Common.Auth;

/// <summary>Authenticates <c>X-Api-Key</c>; on the SignalR hub path only, also <c>Authorization: Bearer</c> (what a
/// stock client's <c>accessTokenFactory</c> sends) and <c>access_token</c> in the query, because browsers cannot set
/// headers on WebSocket requests.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string HubPathPrefix = "/hubs";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HeaderName].ToString();
        if (key.Length == 0 && Request.Path.StartsWithSegments(HubPathPrefix))
        {
            // A stock SignalR client with accessTokenFactory sends the key as a bearer token (negotiate, long
            // polling, SSE) and, over WebSockets from a browser, as access_token in the query.
            var authorization = Request.Headers.Authorization.ToString();
            key = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
                ? authorization[BearerPrefix.Length..].Trim()
                : Request.Query["access_token"].ToString();
        }

        if (key.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = registry.Find(key);
        return Task.FromResult(user is null
            ? AuthenticateResult.Fail("Invalid API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(user.ToPrincipal(SchemeName), SchemeName)));
    }
}
