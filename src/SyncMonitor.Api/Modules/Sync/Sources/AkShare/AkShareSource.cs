using System.Text.Json;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary>AKShare through an AKTools server. The stock list is the Eastmoney spot snapshot
/// (<c>stock_zh_a_spot_em</c>), which carries today's fundamentals; the calendar is Sina's
/// (<c>tool_trade_date_hist_sina</c>). Daily basic is served only for the latest trade date — the snapshot —
/// because AKShare has no whole-market fundamentals for past dates; other dates throw
/// <see cref="SourceFailureKind.NotSupported"/> so the caller falls back to another source.</summary>
internal sealed class AkShareSource(AkToolsClient client, IOptions<AkShareOptions> options, SourceCallObservers observers, TimeProvider time)
    : IStockDataSource, IReportsSourceWarnings
{
    public const string SpotFunction = "stock_zh_a_spot_em";
    public const string CalendarFunction = "tool_trade_date_hist_sina";

    private readonly AkShareOptions _options = options.Value;
    private readonly SourceCallObserver _observer = observers.For(SourceNames.AkShare, SecretRedactor.None, [SpotFunction, CalendarFunction]);
    private CachedCalendar? _calendar;
    private volatile IReadOnlyList<string> _lastWarnings = [];

    public string Name => SourceNames.AkShare;

    public bool IsSynthetic => false;

    public SourceCapabilities Capabilities => SourceCapabilities.StockList | SourceCapabilities.DailyBasic | SourceCapabilities.TradeCalendar;

    public bool Enabled => _options.IsEnabled;

    /// <summary>The columns the last snapshot lacked (its fields were stored empty).</summary>
    public IReadOnlyList<string> LastWarnings => _lastWarnings;

    public async Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var tradeDate = await LatestTradeDateAsync(cancellationToken);
        return await _observer.ObserveAsync(SpotFunction, async token =>
        {
            var now = time.GetUtcNow();
            var (records, layout) = await FetchSpotAsync(progress, token);
            var stocks = new List<StockBasic>();
            foreach (var record in records)
            {
                if (AkShareRows.ToDailyBasic(record, layout, tradeDate, now) is { } daily)
                {
                    stocks.Add(AkShareRows.ToStockBasic(record, layout, daily));
                }
            }

            return (IReadOnlyList<StockBasic>)stocks;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken)
    {
        TradeDates.ParseArgument(tradeDate, nameof(tradeDate));
        var latest = await LatestTradeDateAsync(cancellationToken);
        if (tradeDate != latest)
        {
            throw new SourceUnavailableException(Name, SourceFailureKind.NotSupported,
                $"AKShare's spot snapshot has only the latest trade date ({latest}); daily basic for {tradeDate} must come from another source");
        }

        return await _observer.ObserveAsync(SpotFunction, async token =>
        {
            var (records, layout) = await FetchSpotAsync(null, token);
            return (IReadOnlyList<DailyBasic>)AkShareRows.ToDailyBasics(records, layout, tradeDate, time.GetUtcNow()).ToList();
        }, cancellationToken);
    }

    /// <summary>Every day from start to end that the Sina calendar covers (it runs to the end of the current year).</summary>
    public async Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken)
    {
        var start = TradeDates.ParseArgument(startDate, nameof(startDate));
        var end = TradeDates.ParseArgument(endDate, nameof(endDate));
        var open = await CalendarAsync(cancellationToken);
        var last = open.Count > 0 && open.Max < end ? open.Max : end;
        var days = new List<TradeDay>();
        for (var day = start; day <= last; day = day.AddDays(1))
        {
            days.Add(new TradeDay("SSE", TradeDates.Format(day), open.Contains(day)));
        }

        return days;
    }

    public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken)
        => _observer.ProbeAsync(Enabled, "disabled: set Sources:akshare:BaseUrl", _options.ProbeTimeout,
            token => FetchCalendarAsync(token), cancellationToken);

    private async Task<(IReadOnlyList<JsonElement> Records, SpotLayout Layout)> FetchSpotAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        EnsureEnabled();
        _lastWarnings = [];
        using var waiting = new WaitingProgress(progress, time, TimeSpan.FromSeconds(_options.ExpectedSpotSeconds));
        var records = await client.GetRecordsAsync(SpotFunction, null, cancellationToken);
        var layout = SpotLayout.Of(records, SpotFunction);
        _lastWarnings = layout.Warnings;
        waiting.Complete();
        return (records, layout);
    }

    private async Task<string> LatestTradeDateAsync(CancellationToken cancellationToken)
    {
        var today = TradeDates.Today(time);
        var open = await CalendarAsync(cancellationToken);
        var latest = open.GetViewBetween(DateOnly.MinValue, today);
        return latest.Count > 0
            ? TradeDates.Format(latest.Max)
            : throw new SourceUnavailableException(Name, SourceFailureKind.BadResponse, $"the trade calendar has no trade date on or before {TradeDates.Format(today)}");
    }

    /// <summary>The calendar, fetched at most once per Shanghai day.</summary>
    private async Task<SortedSet<DateOnly>> CalendarAsync(CancellationToken cancellationToken)
    {
        var today = TradeDates.Today(time);
        return _calendar is { } cached && cached.FetchedOn == today ? cached.OpenDays : await FetchCalendarAsync(cancellationToken);
    }

    private Task<SortedSet<DateOnly>> FetchCalendarAsync(CancellationToken cancellationToken)
        => _observer.ObserveAsync(CalendarFunction, async token =>
        {
            EnsureEnabled();
            var open = AkShareRows.ToTradeDates(await client.GetRecordsAsync(CalendarFunction, null, token));
            _calendar = new CachedCalendar(TradeDates.Today(time), open);
            return open;
        }, cancellationToken);

    private void EnsureEnabled()
    {
        if (!Enabled)
        {
            throw new SourceUnavailableException(Name, SourceFailureKind.Unreachable, "source is disabled (set Sources:akshare:BaseUrl)");
        }
    }

    private sealed record CachedCalendar(DateOnly FetchedOn, SortedSet<DateOnly> OpenDays);
}
