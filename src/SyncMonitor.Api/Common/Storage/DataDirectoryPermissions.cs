using System.Runtime.InteropServices;

namespace SyncMonitor.Api.Common.Storage;

/// <summary>Keeps <c>DataDirectory</c> private (SPEC §9): the op-log holds IPs and user agents, the database every
/// run. At startup the folder tree becomes 0700 and its files 0600 (also what older versions left at 0644/0755), and
/// the process's umask becomes 077, so every file created later — SQLite's database, WAL and shared-memory files,
/// the rolling log, progress and monitoring files — is born 0600 and every folder 0700. No-op on Windows.</summary>
internal static partial class DataDirectoryPermissions
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Apply(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = NativeMethods.umask(Convert.ToUInt32("077", 8));
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root, FolderMode);
        Tighten(root);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string root)
    {
        File.SetUnixFileMode(root, FolderMode);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null)
            {
                continue; // never follow a link out of the data directory
            }

            try
            {
                entry.UnixFileMode = entry is DirectoryInfo ? FolderMode : FileMode;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a file owned by someone else: left as it is (the service cannot change it anyway)
            }
        }
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // a blittable call; LibraryImport would need unsafe code in this project
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern uint umask(uint mask);
#pragma warning restore SYSLIB1054
    }
}
