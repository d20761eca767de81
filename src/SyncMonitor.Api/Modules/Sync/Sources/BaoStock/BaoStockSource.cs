using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>BaoStock over its TCP protocol: the stock list from <c>query_stock_basic</c> and the calendar from
/// <c>query_trade_dates</c>. It has no market value, PE or PB, so daily basic is <see cref="SourceFailureKind.NotSupported"/>
/// and the fundamentals of a run must come from another source. Every call is one session (connect, login,
/// query, logout) run through the <see cref="PipelineName"/> resilience pipeline.</summary>
internal sealed class BaoStockSource(
    IOptions<BaoStockOptions> options,
    ResiliencePipelineProvider<string> pipelines,
    SourceCallObservers observers,
    TimeProvider time,
    ILogger<BaoStockSource> logger) : IStockDataSource
{
    public const string PipelineName = SourceNames.BaoStock;

    private readonly BaoStockOptions _options = options.Value;
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PipelineName);
    private readonly SourceCallObserver _observer = observers.For(SourceNames.BaoStock,
        options.Value.IsAnonymous ? SecretRedactor.None : new SecretRedactor(options.Value.Password),
        ["login", "query_stock_basic", "query_trade_dates"]);

    public string Name => SourceNames.BaoStock;

    public bool IsSynthetic => false;

    public SourceCapabilities Capabilities => SourceCapabilities.StockList | SourceCapabilities.TradeCalendar;

    public bool Enabled => _options.Enabled;

    public async Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // Arguments code and code_name left empty: the whole list, as the Python client's query_stock_basic() asks for it.
        var table = await QueryAsync("query_stock_basic", BaoStockWire.StockBasicRequest, BaoStockWire.StockBasicResponse, ["", ""],
            BaoStockRows.StockBasicFields, cancellationToken);
        progress?.Report(1.0);
        return BaoStockRows.ToStockBasics(table, time.GetUtcNow());
    }

    public Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken)
        => Task.FromException<IReadOnlyList<DailyBasic>>(new SourceUnavailableException(Name, SourceFailureKind.NotSupported,
            "BaoStock has no market value, PE or PB per trade date; daily basic must come from another source"));

    public async Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken)
    {
        var start = TradeDates.FormatDashed(TradeDates.ParseArgument(startDate, nameof(startDate)));
        var end = TradeDates.FormatDashed(TradeDates.ParseArgument(endDate, nameof(endDate)));
        var table = await QueryAsync("query_trade_dates", BaoStockWire.TradeDatesRequest, BaoStockWire.TradeDatesResponse, [start, end],
            BaoStockRows.TradeDateFields, cancellationToken);
        return BaoStockRows.ToTradeDays(table);
    }

    /// <summary>A login and logout: proves the server answers and accepts this client.</summary>
    public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken)
        => _observer.ProbeAsync(Enabled, "disabled: set Sources:baostock:Enabled=true", _options.ProbeTimeout,
            token => _observer.ObserveAsync("login", async observed => await _pipeline.ExecuteAsync(async attempt =>
            {
                await using var session = await BaoStockSession.OpenAsync(_options, time, logger, attempt);
                await session.LogoutAsync(attempt);
                return true;
            }, observed), token), cancellationToken);

    private Task<BaoStockTable> QueryAsync(string method, string requestType, string responseType, string[] arguments,
        IReadOnlyCollection<string> requiredFields, CancellationToken cancellationToken)
        => _observer.ObserveAsync(method, async observed =>
        {
            if (!Enabled)
            {
                throw new SourceUnavailableException(Name, SourceFailureKind.Unreachable, "source is disabled (set Sources:baostock:Enabled=true)");
            }

            return await _pipeline.ExecuteAsync(async attempt =>
            {
                await using var session = await BaoStockSession.OpenAsync(_options, time, logger, attempt);
                var table = await session.QueryAsync(method, requestType, responseType, arguments, requiredFields, attempt);
                await session.LogoutAsync(attempt);
                return table;
            }, observed);
        }, cancellationToken);
}
