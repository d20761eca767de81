using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace SyncMonitor.Api.Modules.Dashboard;

/// <summary>The static dashboard page served at <c>/</c>. Its files are embedded in the assembly (see the
/// project file), so the page is the same under <c>dotnet run</c>, a published image or a test host, whatever
/// the content root.</summary>
public static class DashboardModule
{
    /// <summary>Logical name prefix of the embedded files (<c>Modules/Dashboard/wwwroot/*</c>).</summary>
    internal const string ResourcePrefix = "SyncMonitor.Api.Dashboard";

    public static IServiceCollection AddDashboard(this IServiceCollection services) => services;

    /// <summary>Static files are public; the page asks for an API key and sends it on every call. Placed before
    /// authorization, which would otherwise answer 401 for the page itself.</summary>
    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        var files = new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(DashboardModule).Assembly, ResourcePrefix),
            ContentTypeProvider = ContentTypes(),
            OnPrepareResponse = DashboardSecurityHeaders.Apply,
        };
        app.Use(ServePageAtRoot);
        app.Map(DashboardPaths.Assets, assets =>
        {
            assets.UseStaticFiles(files);
            // An unknown asset is a 404 problem (written by the status-code pages), not a 401 from authorization.
            assets.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    /// <summary>Only the kinds of file the dashboard has, text ones with their charset (the page is Chinese).</summary>
    private static FileExtensionContentTypeProvider ContentTypes() => new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    });

    private static Task ServePageAtRoot(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Path == DashboardPaths.Page && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            request.Path = DashboardPaths.AssetFor(DashboardPaths.PageFile);
        }

        return next(context);
    }
}
