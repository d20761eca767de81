using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary>Derives a synthetic stock's fundamentals on a trade date, for either variant. The values move from
/// day to day (a deterministic wobble per code and date) and <c>demo_alt</c> deviates from <c>demo</c> by at
/// most 40 % of each metric's tolerance, except for the injected discrepancies.</summary>
public static class DemoMarket
{
    public const string Primary = "demo";
    public const string Alternate = "demo_alt";

    private const double WithinTolerance = 0.4;

    public static DailyBasic Daily(DemoListing listing, int index, string tradeDate, string source, DateTimeOffset now)
    {
        var random = new Random(DemoUniverse.Seed(listing.Code.Code + tradeDate));
        var close = Math.Round(listing.BaseClose * (0.9 + random.NextDouble() * 0.2), 2);
        var earningsYield = listing.BaseEarningsYield * (0.97 + random.NextDouble() * 0.06);
        var values = new Dictionary<string, double>
        {
            ["close"] = close,
            ["pe"] = Math.Round(1 / earningsYield, 2),
            ["pb"] = Math.Round(listing.BaseBookRatio * (0.95 + random.NextDouble() * 0.1), 3),
            ["total_mv"] = close * listing.TotalShare / 1e4,
            ["volume"] = Math.Round(listing.FloatShare * 1e4 * (0.002 + random.NextDouble() * 0.05)),
            ["turnover_rate"] = Math.Round(0.2 + random.NextDouble() * 8, 3),
        };
        if (source == Alternate)
        {
            Perturb(values, listing, index, tradeDate);
        }

        return new DailyBasic
        {
            Code = listing.Code.Code,
            TradeDate = tradeDate,
            Source = source,
            Close = values["close"],
            Pe = values["pe"],
            PeTtm = Math.Round(values["pe"] * 1.03, 2),
            Pb = values["pb"],
            Ps = Math.Round(listing.BaseSalesRatio, 3),
            TurnoverRate = values["turnover_rate"],
            VolumeRatio = Math.Round(0.5 + random.NextDouble() * 2, 2),
            Volume = values["volume"],
            TotalShare = listing.TotalShare,
            FloatShare = listing.FloatShare,
            TotalMv = values["total_mv"],
            CircMv = values["close"] * listing.FloatShare / 1e4,
            UpdatedAt = now,
        };
    }

    private static void Perturb(Dictionary<string, double> values, DemoListing listing, int index, string tradeDate)
    {
        var random = new Random(DemoUniverse.Seed("alt" + listing.Code.Code + tradeDate));
        var injected = DemoDiscrepancies.InjectedMetric(index);
        foreach (var (metric, tolerance) in DemoDiscrepancies.Metrics)
        {
            var factor = metric == injected
                ? 1 + tolerance * 4 // far outside tolerance: (4t)/(1+4t) > t for every t here
                : 1 + (random.NextDouble() * 2 - 1) * tolerance * WithinTolerance;
            values[metric] *= factor;
        }
    }
}
