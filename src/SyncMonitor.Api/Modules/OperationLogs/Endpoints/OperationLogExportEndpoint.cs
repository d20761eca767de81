using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.OperationLogs.Recording;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>The CSV export (operator): streamed from the store's cursor straight into the response body.</summary>
internal static class OperationLogExportEndpoint
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static Results<PushStreamHttpResult, ValidationProblem> Export(
        [AsParameters] OperationLogFilterQuery query,
        HttpContext http,
        IOperationLogStore store,
        TimeProvider time)
    {
        var errors = new ValidationErrors();
        var filter = OperationLogQueryParser.ParseFilter(query, Common.MarketData.TradeDates.Today(time), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var cancellation = http.RequestAborted;
        var (readable, ascii) = FileNames(filter, time.GetUtcNow());
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = ascii,
            FileNameStar = readable,
        }.ToString();
        return TypedResults.Stream(
            async body =>
            {
                var rows = await OperationLogCsv.WriteAsync(body, store.StreamAsync(filter, cancellation), cancellation);
                http.AddAuditDetail("rows", rows);
            },
            ContentType);
    }

    /// <summary><c>操作日志_20240101_20240131.csv</c>: the time range in Shanghai days (as the date filters are), sent
    /// as <c>filename*</c> (UTF-8), with <c>operation_logs_20240101_20240131.csv</c> as the readable ASCII fallback.</summary>
    public static (string Readable, string Ascii) FileNames(OperationLogFilter filter, DateTimeOffset now)
    {
        static string Day(DateTimeOffset time)
            => TimeZoneInfo.ConvertTime(time, TradeDates.Shanghai).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var from = filter.From is { } start ? Day(start) : "all";
        var to = Day(filter.Until?.AddTicks(-1) ?? now);
        return ($"操作日志_{from}_{to}.csv", $"operation_logs_{from}_{to}.csv");
    }
}
