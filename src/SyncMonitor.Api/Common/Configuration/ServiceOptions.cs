using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Common.Configuration;

/// <summary>Root-level settings every module shares.</summary>
public sealed class ServiceOptions
{
    /// <summary>Where the SQLite file, logs, progress files, monitoring results and the admin key live.
    /// Relative paths resolve against the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    public string DataPath(params string[] parts) =>
        Path.Combine([Path.GetFullPath(DataDirectory), .. parts]);
}
