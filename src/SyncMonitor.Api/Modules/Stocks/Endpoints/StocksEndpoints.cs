using SyncMonitor.Api.Common.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Stocks.Caching;
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
            .WithSummary("Paged stock list; one row per code from its best source unless source= is given. sort: code|total_mv|circ_mv|pe|pb, '-' prefix or ':desc' for descending, nulls last. Answers carry an ETag; If-None-Match gets 304 while the data is unchanged.")
            .Produces<ApiEnvelope<StockPage>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
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

    /// <summary>Served from <see cref="StockListResponses"/>: the serialised envelope, or 304 when the client has it.</summary>
    private static async Task<IResult> ListAsync(
        HttpContext http, StockListResponses responses, int? page, int? page_size, string? market, string? industry, string? keyword,
        string? source, string? sort, CancellationToken cancellationToken)
    {
        var query = StockListQuery.Parse(page, page_size, market, industry, keyword, source, sort);
        var answer = await responses.GetAsync(query, cancellationToken);
        http.Response.Headers.ETag = answer.ETag;
        http.Response.Headers.CacheControl = "private, no-cache";
        return Matches(http.Request.Headers.IfNoneMatch, answer.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(answer.Body, "application/json; charset=utf-8");
    }

    private static async Task<Results<Ok<ApiEnvelope<StockDetail>>, ProblemHttpResult>> GetAsync(
        string code, StockReader reader, CancellationToken cancellationToken)
    {
        var stock = ParseCode(code);
        return await reader.GetAsync(stock, cancellationToken) is { } detail
            ? TypedResults.Ok(ApiEnvelope<StockDetail>.Ok(detail))
            : Problems.NotFound(Texts.Get("Problem.NotFound.Stock", stock.FullSymbol));
    }

    private static async Task<Results<Ok<ApiEnvelope<DailySeries>>, ProblemHttpResult>> GetDailyAsync(
        string code, string? start_date, string? end_date, StockReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var stock = ParseCode(code);
        var (start, end) = DailyRange.Parse(start_date, end_date, TradeDates.Today(time));
        return await reader.GetDailyAsync(stock, start, end, cancellationToken) is { } series
            ? TypedResults.Ok(ApiEnvelope<DailySeries>.Ok(series))
            : Problems.NotFound(Texts.Get("Problem.NotFound.Stock", stock.FullSymbol));
    }

    /// <summary>If-None-Match holds the tag (strong or weak form) or <c>*</c>, in one header or a comma-separated list.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
        => ifNoneMatch.Any(header => header is not null && header.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "W/" + etag || t == "*"));

    private static StockCode ParseCode(string code)
        => StockCode.TryParse(code, out var parsed)
            ? parsed
            : throw new ValidationException("code", "code must be an A-share code such as 000001, 000001.SZ, sz.000001 or SZ000001.");
}
