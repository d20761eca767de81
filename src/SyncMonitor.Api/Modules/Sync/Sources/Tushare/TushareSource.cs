using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary>Tushare Pro: <c>stock_basic</c> (listed stocks), <c>daily_basic</c> (fundamentals per trade date,
/// 万元 → 亿元) and <c>trade_cal</c> (SSE calendar).</summary>
internal sealed class TushareSource(TushareClient client, IOptions<TushareOptions> options, SourceCallObservers observers, TimeProvider time)
    : IStockDataSource, IReportsSourceWarnings
{
    private const string StockBasicFields = "ts_code,symbol,name,area,industry,market,list_date,exchange";
    private const string DailyBasicFields = "ts_code,trade_date,close,turnover_rate,volume_ratio,pe,pe_ttm,pb,ps,total_share,float_share,total_mv,circ_mv";
    private const string TradeCalFields = "exchange,cal_date,is_open,pretrade_date";

    private readonly TushareOptions _options = options.Value;
    private readonly SourceCallObserver _observer = observers.For(SourceNames.Tushare, new SecretRedactor(options.Value.Token),
        ["stock_basic", "daily_basic", "trade_cal"]);
    private volatile IReadOnlyList<string> _lastWarnings = [];

    public string Name => SourceNames.Tushare;

    public bool IsSynthetic => false;

    public SourceCapabilities Capabilities => SourceCapabilities.StockList | SourceCapabilities.DailyBasic | SourceCapabilities.TradeCalendar;

    public bool Enabled => _options.IsEnabled;

    /// <summary>Requested fields the last stock_basic / daily_basic answer did not list.</summary>
    public IReadOnlyList<string> LastWarnings => _lastWarnings;

    public Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken)
        => _observer.ObserveAsync("stock_basic", async token =>
        {
            EnsureEnabled();
            _lastWarnings = [];
            var table = await client.QueryAsync("stock_basic", new Dictionary<string, object> { ["list_status"] = "L" }, StockBasicFields, progress, token);
            _lastWarnings = table.Unavailable("stock_basic", StockBasicFields);
            return TushareRows.ToStockBasics(table, time.GetUtcNow());
        }, cancellationToken);

    public Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken)
    {
        TradeDates.ParseArgument(tradeDate, nameof(tradeDate));
        return _observer.ObserveAsync("daily_basic", async token =>
        {
            EnsureEnabled();
            _lastWarnings = [];
            var table = await client.QueryAsync("daily_basic", new Dictionary<string, object> { ["trade_date"] = tradeDate }, DailyBasicFields, null, token);
            _lastWarnings = table.Unavailable("daily_basic", DailyBasicFields);
            return TushareRows.ToDailyBasics(table, time.GetUtcNow());
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken)
    {
        TradeDates.ParseArgument(startDate, nameof(startDate));
        TradeDates.ParseArgument(endDate, nameof(endDate));
        return _observer.ObserveAsync("trade_cal", async token =>
        {
            EnsureEnabled();
            var parameters = new Dictionary<string, object> { ["exchange"] = "SSE", ["start_date"] = startDate, ["end_date"] = endDate };
            var table = await client.QueryAsync("trade_cal", parameters, TradeCalFields, null, token);
            return TushareRows.ToTradeDays(table);
        }, cancellationToken);
    }

    /// <summary>Asks for the last week of the calendar: cheap, and it proves the token too.</summary>
    public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var today = TradeDates.Today(time);
        return _observer.ProbeAsync(Enabled, "disabled: set Sources:tushare:Token", _options.ProbeTimeout,
            token => FetchTradeCalendarAsync(TradeDates.Format(today.AddDays(-7)), TradeDates.Format(today), token), cancellationToken);
    }

    private void EnsureEnabled()
    {
        if (!Enabled)
        {
            throw new SourceUnavailableException(Name, SourceFailureKind.Unreachable, "source is disabled (set Sources:tushare:Token)");
        }
    }
}
