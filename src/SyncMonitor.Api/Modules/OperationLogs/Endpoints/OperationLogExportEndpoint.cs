using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
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
        return TypedResults.Stream(
            async body =>
            {
                var rows = await OperationLogCsv.WriteAsync(body, store.StreamAsync(filter, cancellation), cancellation);
                http.AddAuditDetail("rows", rows);
            },
            ContentType,
            FileName(filter, time.GetUtcNow()));
    }

    /// <summary><c>操作日志_20240101_20240131.csv</c>: the time range in Shanghai days (as the date filters are), sent
    /// with <c>filename*</c> (UTF-8) and an ASCII fallback.</summary>
    public static string FileName(OperationLogFilter filter, DateTimeOffset now)
    {
        static string Day(DateTimeOffset time)
            => TimeZoneInfo.ConvertTime(time, TradeDates.Shanghai).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var from = filter.From is { } start ? Day(start) : "all";
        var to = Day(filter.Until?.AddTicks(-1) ?? now);
        return $"操作日志_{from}_{to}.csv";
    }
}
