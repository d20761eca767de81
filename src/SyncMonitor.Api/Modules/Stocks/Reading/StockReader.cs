using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.Api.Modules.Stocks.Storage;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

/// <summary>The three reads of the stock API, each through its cache. Keys hold every parameter that shapes the
/// answer (and the source priority order for best-source answers); tags say which data changes evict them.</summary>
internal sealed class StockReader(
    IStockReadStore store,
    StockCache cache,
    SourcePriority priority,
    IConsistencyVerdictReader verdicts,
    IOperationTimings timings)
{
    /// <summary>Every parameter that shapes a list answer, the source priority among them.</summary>
    public string ListKey(StockListQuery query) => string.Join('|',
        query.Source ?? "best:" + priority.Fingerprint,
        Part(query.Market), Part(query.Industry), Part(query.Keyword), query.Sort, query.Page, query.PageSize);

    public Task<StockPage> ListAsync(StockListQuery query, CancellationToken cancellationToken)
    {
        var order = priority.Order;
        return cache.GetOrLoadAsync(CacheNames.StocksList, ListKey(query), CacheTags.ForList(query.Source), async ct =>
        {
            var rows = await timings.TimeAsync("store.stocks.list", () => store.ListAsync(query, order, ct));
            return new StockPage(rows.Items.Select(StockView.From).ToList(), rows.Total, query.Page, query.PageSize);
        }, cancellationToken);
    }

    public async Task<StockDetail?> GetAsync(StockCode code, CancellationToken cancellationToken)
    {
        var order = priority.Order;
        var entry = await cache.GetOrLoadAsync(CacheNames.StockDetail, code.Code + "|" + priority.Fingerprint, CacheTags.ForDetail(code.Code), async ct =>
        {
            var rows = (await timings.TimeAsync("store.stocks.detail", () => store.GetByCodeAsync(code.Code, ct))).OrderBy(r => RankOf(r.Source, order)).ThenBy(r => r.Source, StringComparer.Ordinal).ToList();
            if (rows.Count == 0)
            {
                return new StockDetailEntry(null);
            }

            var latest = (await store.GetLatestDailyAsync(code.Code, ct)).OrderBy(d => RankOf(d.Source, order)).ThenBy(d => d.Source, StringComparer.Ordinal).FirstOrDefault();
            var best = rows[0];
            return new StockDetailEntry(new StockDetail(
                best.Code, best.FullSymbol, best.Name, best.Market, best.Source, SourcePriority.IsSynthetic(best.Source),
                rows.Select(StockView.From).ToList(),
                latest is null ? null : DailyBasicView.From(latest),
                await verdicts.GetLatestAsync(code.Code, ct)));
        }, cancellationToken);
        return entry.Detail;
    }

    /// <summary>The stored daily rows of a code in the range; null when the code is not stored at all.</summary>
    public async Task<DailySeries?> GetDailyAsync(StockCode code, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var key = string.Join('|', code.Code, TradeDates.Format(start), TradeDates.Format(end));
        var entry = await cache.GetOrLoadAsync(CacheNames.DailyBasic, key, CacheTags.ForDailySeries(code.Code), async ct =>
        {
            var rows = await timings.TimeAsync("store.stocks.daily_basic",
                () => store.ListDailyAsync(code.Code, TradeDates.Format(start), TradeDates.Format(end), ct));
            if (rows.Count == 0 && (await store.GetByCodeAsync(code.Code, ct)).Count == 0)
            {
                return new DailySeriesEntry(null);
            }

            return new DailySeriesEntry(new DailySeries(code.Code, TradeDates.FormatDashed(start), TradeDates.FormatDashed(end),
                rows.Select(DailyBasicView.From).ToList()));
        }, cancellationToken);
        return entry.Series;
    }

    private static int RankOf(string source, IReadOnlyList<string> order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == source)
            {
                return i;
            }
        }

        return order.Count;
    }

    /// <summary>Escaped so no filter value can run into the next part of the key.</summary>
    private static string Part(string? value) => value is null ? "-" : Uri.EscapeDataString(value);
}
