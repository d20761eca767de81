using System.Globalization;
using CsvHelper;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Csv;

/// <summary>Reads an importable CSV file (CsvHelper): validates the header, then every row; a bad row is reported
/// with its line number and skipped, never fatal. A missing required column is fatal
/// (<see cref="SourceFailureKind.BadResponse"/>): nothing in such a file can be trusted.</summary>
internal static class CsvStockFile
{
    private static readonly string[] NullMarkers = ["", "nan", "none", "null", "-", "--"];

    public static async Task<CsvStockFileContent> ReadAsync(string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ErrorList();
        var options = Options(record => errors.Add(new CsvRowError((int)record.LineNumber, null, Describe(record.Reason))));
        await using var csv = CsvReader.FromFile(path, options);
        var header = await ReadHeaderAsync(csv, path, cancellationToken);
        var rows = new List<CsvStockRow>();
        var seen = new Dictionary<(string Code, string? TradeDate), int>();
        var rowsRead = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            rowsRead++;
            var line = (int)csv.LineNumber;
            var error = ParseRow(csv, header, line, out var row) ?? Duplicate(seen, row!);
            if (error is null)
            {
                rows.Add(row!);
            }
            else
            {
                errors.Add(error);
            }
        }

        var ignored = header.Where(column => !CsvColumns.Known.Contains(column)).ToList();
        var report = new CsvImportReport(path, now, rowsRead + errors.Skipped, rows.Count, errors.Count, errors.Listed, ignored);
        return new CsvStockFileContent(rows, report);
    }

    /// <summary>Reads and checks only the header (the health probe).</summary>
    public static async Task ValidateHeaderAsync(string path, CancellationToken cancellationToken)
    {
        await using var csv = CsvReader.FromFile(path, Options(null));
        await ReadHeaderAsync(csv, path, cancellationToken);
    }

    /// <summary>Comma-separated, trimmed, line numbers tracked; records with broken quoting or the wrong number of
    /// fields are skipped and reported through <paramref name="onMalformed"/>.</summary>
    private static CsvReaderOptions Options(Action<CsvMalformedRecord>? onMalformed) => new()
    {
        Separator = ',',
        HasHeader = true,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        OnMalformedRecord = onMalformed,
    };

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "the number of fields differs from the header",
        CsvMalformedReason.UnterminatedQuote => "malformed CSV: a quoted field is never closed",
        _ => $"malformed CSV: {reason}",
    };

    private static async Task<IReadOnlyList<string>> ReadHeaderAsync(CsvReader csv, string path, CancellationToken cancellationToken)
    {
        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Count == 0 || header.All(h => h.Length == 0))
        {
            throw new SourceUnavailableException(SourceNames.Csv, SourceFailureKind.BadResponse, $"'{Path.GetFileName(path)}' is empty: no header line");
        }

        var missing = CsvColumns.Required.Where(required => !header.Contains(required)).ToList();
        return missing.Count == 0
            ? header
            : throw new SourceUnavailableException(SourceNames.Csv, SourceFailureKind.BadResponse,
                $"'{Path.GetFileName(path)}' header lacks required column(s) {string.Join(", ", missing)}; " +
                $"required: {string.Join(", ", CsvColumns.Required)}; found: {string.Join(", ", header)}");
    }

    private static CsvRowError? ParseRow(CsvReader csv, IReadOnlyList<string> header, int line, out CsvStockRow? row)
    {
        row = null;
        var cells = header.Select((column, i) => (column, value: csv.GetString(i)?.Trim() ?? string.Empty))
            .GroupBy(c => c.column).ToDictionary(g => g.Key, g => g.First().value, StringComparer.Ordinal);
        string? Cell(string column) => cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

        if (!StockCode.TryParse(Cell(CsvColumns.Code), out var code))
        {
            return new CsvRowError(line, CsvColumns.Code, $"'{Cell(CsvColumns.Code)}' is not an A-share code");
        }

        if (Cell(CsvColumns.Name) is not { } name)
        {
            return new CsvRowError(line, CsvColumns.Name, "name is empty");
        }

        var numbers = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var column in CsvColumns.Numbers)
        {
            var text = Cell(column);
            if (text is null || NullMarkers.Contains(text.ToLowerInvariant()))
            {
                numbers[column] = null;
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return new CsvRowError(line, column, $"'{text}' is not a number");
            }

            if (value < 0 && CsvColumns.NonNegative.Contains(column))
            {
                return new CsvRowError(line, column, $"{value.ToString(CultureInfo.InvariantCulture)} is negative");
            }

            numbers[column] = value;
        }

        if (Date(Cell(CsvColumns.ListDate), CsvColumns.ListDate, line, out var listDate) is { } listError)
        {
            return listError;
        }

        if (Date(Cell(CsvColumns.TradeDate), CsvColumns.TradeDate, line, out var tradeDate) is { } tradeError)
        {
            return tradeError;
        }

        var market = Cell(CsvColumns.Market) is { } board && CsvColumns.Boards.Contains(board) ? board : code.Board;
        row = new CsvStockRow(line, code, name, Cell(CsvColumns.Area), Cell(CsvColumns.Industry), market, listDate, tradeDate, numbers);
        return null;
    }

    private static CsvRowError? Date(string? text, string column, int line, out string? date)
    {
        date = null;
        if (text is null)
        {
            return null;
        }

        if (!TradeDates.TryParse(text, out var parsed))
        {
            return new CsvRowError(line, column, $"'{text}' is not a date (YYYYMMDD)");
        }

        date = TradeDates.Format(parsed);
        return null;
    }

    private static CsvRowError? Duplicate(Dictionary<(string Code, string? TradeDate), int> seen, CsvStockRow row)
    {
        var key = (row.Code.Code, row.TradeDate);
        if (seen.TryGetValue(key, out var first))
        {
            return new CsvRowError(row.Line, CsvColumns.Code, $"duplicate of line {first} ({row.Code.FullSymbol}, trade_date {row.TradeDate ?? "none"})");
        }

        seen[key] = row.Line;
        return null;
    }
}

internal sealed record CsvStockFileContent(IReadOnlyList<CsvStockRow> Rows, CsvImportReport Report);

/// <summary>Rejected rows: all counted, the first <see cref="CsvImportReport.MaxListedErrors"/> kept, in line order.</summary>
internal sealed class ErrorList
{
    private readonly List<CsvRowError> _listed = [];

    public int Count { get; private set; }

    /// <summary>Rows the reader skipped before the loop saw them (malformed), which still count as read.</summary>
    public int Skipped { get; private set; }

    public IReadOnlyList<CsvRowError> Listed => _listed.OrderBy(e => e.Line).ToList();

    public void Add(CsvRowError error)
    {
        Count++;
        if (error.Column is null)
        {
            Skipped++;
        }

        if (_listed.Count < CsvImportReport.MaxListedErrors)
        {
            _listed.Add(error);
        }
    }
}
