using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Stocks.Caching;

/// <summary>Evicts exactly the cached answers a data change can affect: after every finished sync run (any status:
/// a failed or cancelled run may have written part of its rows) and when another module reports a change
/// (a consistency resolve). The change is also announced to the other instances sharing Redis.</summary>
internal sealed partial class StockCacheInvalidator(
    StockCache cache,
    CacheInvalidationBus bus,
    ILogger<StockCacheInvalidator> logger) : ISyncRunListener, IStockDataChangeNotifier
{
    public SyncRunListenerStage Stage => SyncRunListenerStage.Invalidate;

    public Task OnRunFinishedAsync(SyncStats run, CancellationToken cancellationToken)
        => ApplyAsync(ChangesOf(run), cancellationToken);

    public Task StockDataChangedAsync(StockDataChange change, CancellationToken cancellationToken)
        => ApplyAsync([change], cancellationToken);

    /// <summary>What a run changed, from its data type (<c>stock_basic_info</c>, <c>stock_daily_basic</c>, or both for
    /// the nightly run) and the sources it used.</summary>
    public static IReadOnlyList<StockDataChange> ChangesOf(SyncStats run)
    {
        var sources = run.DataSourcesUsed
            .Select(used => used[(used.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .Concat(run.SourceStats.Keys)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        IReadOnlyList<string>? known = sources.Count > 0 ? sources : null;
        var changes = new List<StockDataChange>();
        if (run.DataType.Contains(StockDataChange.StockBasics, StringComparison.Ordinal))
        {
            changes.Add(new StockDataChange(StockDataChange.StockBasics, known));
        }

        if (run.DataType.Contains(StockDataChange.DailyBasic, StringComparison.Ordinal))
        {
            changes.Add(new StockDataChange(StockDataChange.DailyBasic, known));
        }

        if (changes.Count == 0)
        {
            // A run of a kind this module does not know (e.g. a new job): assume it changed everything.
            changes.Add(new StockDataChange(StockDataChange.StockBasics));
            changes.Add(new StockDataChange(StockDataChange.DailyBasic));
        }

        return changes;
    }

    private async Task ApplyAsync(IReadOnlyList<StockDataChange> changes, CancellationToken cancellationToken)
    {
        var tags = changes.SelectMany(CacheTags.ToRemove).Distinct(StringComparer.Ordinal).ToList();
        if (!await cache.InvalidateAsync(tags, cancellationToken))
        {
            LogL2RecordFailed(logger, string.Join(", ", tags));
        }

        LogInvalidated(logger, string.Join(", ", tags));
        await bus.AnnounceAsync(tags, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock caches invalidated in this process, but the record in Redis could not be written: {Tags}")]
    private static partial void LogL2RecordFailed(ILogger logger, string tags);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stock caches invalidated: {Tags}")]
    private static partial void LogInvalidated(ILogger logger, string tags);
}
