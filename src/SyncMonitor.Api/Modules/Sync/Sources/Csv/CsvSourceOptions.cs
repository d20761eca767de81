namespace SyncMonitor.Api.Modules.Sync.Sources.Csv;

/// <summary><c>Sources:csv</c>: a CSV file with the document fields as header (see <see cref="CsvColumns"/>).
/// Enabled when <see cref="FilePath"/> is set and <see cref="Enabled"/> is not false.</summary>
public sealed class CsvSourceOptions
{
    public const string Section = "Sources:" + SourceNames.Csv;

    public bool Enabled { get; set; } = true;

    /// <summary>Path of the file; relative paths resolve against the working directory. Read again whenever it changes.</summary>
    public string? FilePath { get; set; }

    public bool IsEnabled => Enabled && !string.IsNullOrWhiteSpace(FilePath);
}
