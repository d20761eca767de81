using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary>The offline source: the synthetic universe as <c>demo</c> or its deliberately different twin
/// <c>demo_alt</c>. Everything it returns is synthetic and must be labelled so. In the host its simulated calls pass
/// the same observer as a real source's (metrics, availability, timings); benchmarks and unit tests may leave it out.</summary>
public sealed class DemoSource(string name, IOptionsMonitor<DemoSourceOptions> options, TimeProvider time, SourceCallObservers? observers = null)
    : IStockDataSource
{
    public const int BatchSize = 500;

    private const string StockListApi = "stock_list";
    private const string DailyBasicApi = "daily_basic";
    private const string CalendarApi = "trade_calendar";

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly SourceCallObserver? _observer = observers?.For(name, SecretRedactor.None, [StockListApi, DailyBasicApi, CalendarApi]);

    public string Name { get; } = name;

    public bool IsSynthetic => true;

    public SourceCapabilities Capabilities => SourceCapabilities.StockList | SourceCapabilities.DailyBasic | SourceCapabilities.TradeCalendar;

    public bool Enabled => Options.Enabled;

    private DemoSourceOptions Options => options.Get(Name);

    /// <summary>The newest trade date at the current time in Asia/Shanghai.</summary>
    public string LatestTradeDate()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai).DateTime);
        return DemoCalendar.Format(DemoCalendar.LatestTradeDayOnOrBefore(today));
    }

    public async Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var tradeDate = LatestTradeDate();
        var now = time.GetUtcNow();
        var result = new List<StockBasic>(DemoUniverse.Listings.Count + DemoDiscrepancies.AltOnlyCodes.Count);
        var listings = Listings(tradeDate).ToList();
        for (var start = 0; start < listings.Count; start += BatchSize)
        {
            await SimulateCallAsync(StockListApi, cancellationToken);
            foreach (var (listing, index) in listings.Skip(start).Take(BatchSize))
            {
                result.Add(ToStockBasic(listing).WithFundamentals(DemoMarket.Daily(listing, index, tradeDate, Name, now)) with { Source = Name, UpdatedAt = now });
            }

            progress?.Report(Math.Min(1.0, (start + BatchSize) / (double)listings.Count));
        }

        return result;
    }

    public async Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken)
    {
        await SimulateCallAsync(DailyBasicApi, cancellationToken);
        if (!DemoCalendar.IsTradeDay(DemoCalendar.ParseDate(tradeDate)))
        {
            return [];
        }

        var now = time.GetUtcNow();
        return Listings(tradeDate).Select(x => DemoMarket.Daily(x.Listing, x.Index, tradeDate, Name, now)).ToList();
    }

    public async Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken)
    {
        await SimulateCallAsync(CalendarApi, cancellationToken);
        return DemoCalendar.Range(DemoCalendar.ParseDate(startDate), DemoCalendar.ParseDate(endDate));
    }

    public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken)
        => Task.FromResult(Options.Enabled
            ? new SourceProbeResult(true, 0, null)
            : new SourceProbeResult(false, 0, "disabled"));

    private IEnumerable<(DemoListing Listing, int Index)> Listings(string tradeDate)
    {
        var all = DemoDailyChanges.Apply(DemoUniverse.Listings.Select((listing, index) => (listing, index)), tradeDate);
        if (Name != DemoMarket.Alternate)
        {
            return all;
        }

        var extra = DemoDiscrepancies.AltOnlyCodes.Select((code, i) =>
            (DemoUniverse.Listings[0] with { Code = StockCode.Parse(code), Name = "替代样本" + (i + 1) }, -1 - i));
        return all.Where(x => !DemoDiscrepancies.IsMissingFromAlt(x.Index)).Concat(extra);
    }

    private static StockBasic ToStockBasic(DemoListing listing) => new()
    {
        Code = listing.Code.Code,
        Symbol = listing.Code.Code,
        Name = listing.Name,
        Area = listing.Area,
        Industry = listing.Industry,
        Market = listing.Code.Board,
        ListDate = listing.ListDate,
        Sse = listing.Code.ExchangeName,
        FullSymbol = listing.Code.FullSymbol,
        Category = "stock_cn",
        Source = string.Empty,
    };

    private Task SimulateCallAsync(string api, CancellationToken cancellationToken)
        => _observer is null
            ? SimulateCallAsync(cancellationToken)
            : _observer.ObserveAsync(api, async token =>
            {
                await SimulateCallAsync(token);
                return true;
            }, cancellationToken);

    private async Task SimulateCallAsync(CancellationToken cancellationToken)
    {
        var settings = Options;
        if (!settings.Enabled)
        {
            throw new SourceUnavailableException(Name, SourceFailureKind.Unreachable, "source is disabled");
        }

        if (settings.DelayMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(settings.DelayMs), time, cancellationToken);
        }

        if (settings.FailureRate > 0 && Random.Shared.NextDouble() < settings.FailureRate)
        {
            throw new SourceUnavailableException(Name, SourceFailureKind.Injected, "injected failure (Sources:" + Name + ":FailureRate)");
        }
    }
}
