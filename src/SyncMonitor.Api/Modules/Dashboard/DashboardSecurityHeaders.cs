using Microsoft.AspNetCore.StaticFiles;

namespace SyncMonitor.Api.Modules.Dashboard;

/// <summary>Headers on every dashboard response (and only there: Swagger UI, served at <c>/swagger</c>, needs
/// inline scripts and keeps its own defaults).</summary>
internal static class DashboardSecurityHeaders
{
    /// <summary>Scripts, styles and connections (the REST calls and the SignalR socket) only from this origin;
    /// nothing inline, no plugins, no framing. Trusted Types with no policy make any HTML-string sink
    /// (<c>innerHTML</c> and friends) throw, so a value can only ever reach the page as text.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
        + "require-trusted-types-for 'script'; trusted-types 'none'";

    public static void Apply(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        // Revalidated on every load (cheap: the ETag answers 304), so a new release is picked up at once.
        headers.CacheControl = "no-cache";
    }
}
