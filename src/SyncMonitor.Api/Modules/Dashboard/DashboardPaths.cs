namespace SyncMonitor.Api.Modules.Dashboard;

/// <summary>Where the dashboard lives: the page at <c>/</c>, its scripts, styles and icon under <c>/dashboard/</c>.</summary>
public static class DashboardPaths
{
    public const string Page = "/";
    public const string Assets = "/dashboard";
    public const string PageFile = "index.html";

    public static string AssetFor(string fileName) => $"{Assets}/{fileName}";
}
