using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Builds the works the SyncManager runs, with their services from DI.</summary>
public sealed class SyncWorkFactory(IServiceProvider services, TimeProvider time)
{
    public const string NightlyJob = "nightly";

    public ISyncWork StockBasics(IReadOnlyList<string> preferred)
        => ActivatorUtilities.CreateInstance<StockBasicsWork>(services, preferred);

    public ISyncWork DailyBasic(DailyBasicPlan plan)
        => ActivatorUtilities.CreateInstance<DailyBasicWork>(services, plan);

    /// <summary><c>scheduler_daily</c>: stock basics, then today's daily basic when today is a trade day.</summary>
    public ISyncWork Nightly()
    {
        var today = TradeDates.Today(time);
        return new CompositeWork(NightlyJob, StockBasicsWork.Table + "+" + DailyBasicWork.Table,
            [(StockBasics([]), 0.6), (DailyBasic(new DailyBasicPlan(today, today, [])), 0.4)]);
    }

    /// <summary><c>scheduler_missing</c>: the last <paramref name="tradeDays"/> trade days without rows.</summary>
    public ISyncWork MissingDailyBasic(int tradeDays)
        => ActivatorUtilities.CreateInstance<MissingDailyBasicWork>(services, tradeDays, this);
}
