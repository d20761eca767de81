using System.Runtime.CompilerServices;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>Files under <c>Sources/Fixtures</c> (the CSV imports), read from the source tree (no copy step needed).</summary>
public static class Fixtures
{
    private static readonly string Root = Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "Fixtures");

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
