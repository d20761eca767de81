namespace SyncMonitor.Api.Modules.Sync.Sources.Csv;

/// <summary>What the last read of the CSV file found: rows read and accepted, and every rejected row with its line
/// number (the first <see cref="MaxListedErrors"/> listed, all counted). A sync adds <see cref="ErrorCount"/> to
/// its <c>errors</c>.</summary>
public sealed record CsvImportReport(
    string FilePath,
    DateTimeOffset ReadAt,
    int RowsRead,
    int RowsAccepted,
    int ErrorCount,
    IReadOnlyList<CsvRowError> Errors,
    IReadOnlyList<string> IgnoredColumns)
{
    public const int MaxListedErrors = 200;
}

/// <summary>One rejected row: its line in the file (the header is line 1), the column at fault when one is, and why.</summary>
public sealed record CsvRowError(int Line, string? Column, string Message);
