using CsvHelper;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>Writes export rows as CSV while they are read: UTF-8 with BOM (so Excel reads the Chinese header),
/// RFC 4180, times in Asia/Shanghai, and cells that a spreadsheet would run as a formula (<c>= + - @</c>, tab, CR) prefixed with <c>'</c>.</summary>
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
            csv.WriteField(row.Username);
            csv.WriteField(row.ActionType);
            csv.WriteField(row.Action);
            csv.WriteField(row.Success ? Succeeded : Failed);
            csv.WriteField(row.DurationMs, default);
            csv.WriteField(row.IpAddress);
            csv.WriteField(row.ErrorMessage);
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
