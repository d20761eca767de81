using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>A real (non-synthetic) source that serves daily basics for three stocks on every weekday and fails on the
/// dates it is told to, as a source that is down for a moment would.</summary>
internal sealed class FakeDailySource(string name, params string[] failingDates) : IStockDataSource
{
    public static readonly string[] Codes = ["000001", "600000", "300750"];

    public string Name => name;

    public bool IsSynthetic => false;

    public SourceCapabilities Capabilities => SourceCapabilities.DailyBasic | SourceCapabilities.TradeCalendar;

    public bool Enabled => true;

    public int DailyCalls { get; private set; }

    public Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken)
        => throw new SourceUnavailableException(name, SourceFailureKind.NotSupported, "no stock list");

    public Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken)
    {
        DailyCalls++;
        if (failingDates.Contains(tradeDate))
        {
            throw new SourceUnavailableException(name, SourceFailureKind.Unreachable, $"timed out for {tradeDate}");
        }

        return Task.FromResult<IReadOnlyList<DailyBasic>>(Codes
            .Select(code => new DailyBasic { Code = code, TradeDate = tradeDate, Source = name, Close = 10, TotalMv = 100 })
            .ToList());
    }

    public Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<TradeDay>>(TradeDates.Days(TradeDates.Parse(startDate), TradeDates.Parse(endDate))
            .Select(d => new TradeDay("SSE", TradeDates.Format(d), d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            .ToList());

    public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new SourceProbeResult(true, 1, null));
}
