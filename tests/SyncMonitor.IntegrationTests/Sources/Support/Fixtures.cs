using System.Runtime.CompilerServices;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>Recorded responses under <c>Sources/Fixtures</c>, read from the source tree (no copy step needed).</summary>
public static class Fixtures
{
    private static readonly string Root = Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "Fixtures");

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
