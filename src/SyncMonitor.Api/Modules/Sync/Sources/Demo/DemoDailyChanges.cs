using System.Globalization;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary>A few realistic changes per trade day, the same in both variants, so change sets have something to show:
/// every trade day one new listing (<c>003xxx</c>, kept for <see cref="ListingDays"/> calendar days, then gone from the
/// list like a delisting), and one existing stock gets an <c>ST</c> or <c>*ST</c> mark, removed again after
/// <see cref="MarkDays"/> calendar days. Derived from the trade date alone, so deterministic.</summary>
public static class DemoDailyChanges
{
    public const int ListingDays = 180;
    public const int MarkDays = 90;

    /// <summary>The base universe as of <paramref name="tradeDate"/>: risk marks applied, the listings of the last
    /// <see cref="ListingDays"/> days appended (with negative indexes: no injected discrepancies).</summary>
    public static IEnumerable<(DemoListing Listing, int Index)> Apply(IEnumerable<(DemoListing Listing, int Index)> universe, string tradeDate)
    {
        var day = DemoCalendar.ParseDate(tradeDate);
        var marks = Marks(day);
        foreach (var (listing, index) in universe)
        {
            yield return marks.TryGetValue(index, out var mark) ? (listing with { Name = mark + listing.Name }, index) : (listing, index);
        }

        for (var d = day.AddDays(-(ListingDays - 1)); d <= day; d = d.AddDays(1))
        {
            if (DemoCalendar.IsTradeDay(d))
            {
                yield return (NewListing(d), -1000 - (d.DayNumber % 1000));
            }
        }
    }

    /// <summary>Base-universe index → mark, for the marks given on the last <see cref="MarkDays"/> trade days.</summary>
    internal static Dictionary<int, string> Marks(DateOnly day)
    {
        var marks = new Dictionary<int, string>();
        for (var d = day.AddDays(-(MarkDays - 1)); d <= day; d = d.AddDays(1))
        {
            if (DemoCalendar.IsTradeDay(d))
            {
                marks.TryAdd(DemoUniverse.Seed("st" + d.DayNumber) % DemoUniverse.Listings.Count, d.DayNumber % 2 == 0 ? "ST" : "*ST");
            }
        }

        return marks;
    }

    internal static DemoListing NewListing(DateOnly listedOn)
    {
        var code = StockCode.Parse("003" + (listedOn.DayNumber % 1000).ToString("D3", CultureInfo.InvariantCulture));
        var template = DemoUniverse.Listings[DemoUniverse.Seed("ipo" + listedOn.DayNumber) % DemoUniverse.Listings.Count];
        return template with
        {
            Code = code,
            Name = template.Name[..1] + "新" + template.Name[2..],
            ListDate = DemoCalendar.Format(listedOn),
        };
    }
}
