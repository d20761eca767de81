using CsvHelper;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>Writes export rows as CSV while they are read: UTF-8 with BOM (so Excel reads the Chinese header),
/// RFC 4180, times in Asia/Shanghai, control characters stripped and cells that a spreadsheet would run as a formula
/// prefixed with <c>'</c>. The file is Chinese throughout, as its SPEC header is: action names in Chinese too.</summary>
internal static class OperationLogCsv
{
    public static readonly string[] Header = ["时间", "用户", "操作类型", "操作内容", "状态", "耗时(ms)", "IP地址", "错误信息"];

    public const string Succeeded = "成功";
    public const string Failed = "失败";

    /// <summary>Asia/Shanghai wall time in the form Excel parses as a date-time (an ISO string with offset stays text).</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    /// <summary>Returns the number of rows written (the header not counted).</summary>
    public static async Task<long> WriteAsync(Stream destination, IAsyncEnumerable<OperationLogExportRow> rows, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(Header);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(TimeZoneInfo.ConvertTime(row.Timestamp, TradeDates.Shanghai), TimeFormat);
            csv.WriteField(Cell(row.Username));
            csv.WriteField(Cell(row.ActionType));
            csv.WriteField(Cell(OperationLogActionNames.Display(row.Action, Common.Localization.LocalizationModule.DefaultCulture)));
            csv.WriteField(row.Success ? Succeeded : Failed);
            csv.WriteField(row.DurationMs, default);
            csv.WriteField(Cell(row.IpAddress));
            csv.WriteField(Cell(row.ErrorMessage));
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>A text cell a spreadsheet shows as text: control characters (NUL, CR, LF, TAB, ESC …) become spaces
    /// or go, and a cell whose first non-blank character could start a formula (<c>= + - @</c>, also full-width) ends
    /// up with a leading <c>'</c> — judged after the blanks, because spreadsheets skip them too.</summary>
    public static string? Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\t' or '\u2028' or '\u2029')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        // A cell that starts with = + - @ itself is quoted and prefixed by the writer's injection escaping; the cases
        // it cannot see are a formula after blanks and the full-width forms.
        var clean = builder.ToString();
        var first = clean.TrimStart();
        var formula = first.Length > 0 && (first[0] is '＝' or '＋' or '－' or '＠'
            || (first.Length < clean.Length && first[0] is '=' or '+' or '-' or '@'));
        return formula ? "'" + clean : clean;
    }
}
