using System.Security.Claims;

namespace SyncMonitor.Api.Common.Auth;

/// <summary>The caller behind an API key.</summary>
public sealed record ApiUser(string Id, string Name, UserRole Role)
{
    public static readonly ApiUser Anonymous = new("anonymous", "anonymous", UserRole.Viewer);

    public static ApiUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        return id is null || name is null || !Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsed)
            ? null
            : new ApiUser(id, name, parsed);
    }

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id),
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.Role, Role.ToString().ToLowerInvariant()),
        ],
        scheme));
}
