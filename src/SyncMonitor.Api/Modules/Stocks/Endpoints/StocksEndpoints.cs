using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Endpoints;

/// <summary><c>GET /api/stocks</c>, <c>GET /api/stocks/{code}</c>, <c>GET /api/stocks/{code}/daily_basic</c> (viewer).</summary>
internal static class StocksEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var stocks = endpoints.MapGroup(StocksApiPaths.List).WithTags("Stocks").RequireAuthorization(Policies.Viewer);
        stocks.MapGet(string.Empty, ListAsync)
            .WithName("ListStocks")
            .WithSummary("Paged stock list; one row per code from its best source unless source= is given. sort: code|total_mv|circ_mv|pe|pb, '-' prefix or ':desc' for descending, nulls last.")
            .ProducesValidationProblem();
        stocks.MapGet("/{code}", GetAsync)
            .WithName("GetStock")
            .WithSummary("Every source's record side by side, the latest daily basic and the latest consistency verdict. Accepts 000001, 000001.SZ, sz.000001, SZ000001.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        stocks.MapGet("/{code}/daily_basic", GetDailyAsync)
            .WithName("GetStockDailyBasic")
            .WithSummary("Daily basics of one stock between start_date and end_date (YYYY-MM-DD, at most 366 days; default the last 30 days).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<ApiEnvelope<StockPage>>> ListAsync(
        StockReader reader, int? page, int? page_size, string? market, string? industry, string? keyword, string? source, string? sort,
        CancellationToken cancellationToken)
    {
        var query = StockListQuery.Parse(page, page_size, market, industry, keyword, source, sort);
        return TypedResults.Ok(ApiEnvelope<StockPage>.Ok(await reader.ListAsync(query, cancellationToken)));
    }

    private static async Task<Results<Ok<ApiEnvelope<StockDetail>>, ProblemHttpResult>> GetAsync(
        string code, StockReader reader, CancellationToken cancellationToken)
    {
        var stock = ParseCode(code);
        return await reader.GetAsync(stock, cancellationToken) is { } detail
            ? TypedResults.Ok(ApiEnvelope<StockDetail>.Ok(detail))
            : Problems.NotFound($"No stock {stock.FullSymbol} is stored.");
    }

    private static async Task<Results<Ok<ApiEnvelope<DailySeries>>, ProblemHttpResult>> GetDailyAsync(
        string code, string? start_date, string? end_date, StockReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var stock = ParseCode(code);
        var (start, end) = DailyRange.Parse(start_date, end_date, TradeDates.Today(time));
        return await reader.GetDailyAsync(stock, start, end, cancellationToken) is { } series
            ? TypedResults.Ok(ApiEnvelope<DailySeries>.Ok(series))
            : Problems.NotFound($"No stock {stock.FullSymbol} is stored.");
    }

    private static StockCode ParseCode(string code)
        => StockCode.TryParse(code, out var parsed)
            ? parsed
            : throw new ValidationException("code", "code must be an A-share code such as 000001, 000001.SZ, sz.000001 or SZ000001.");
}
