using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary>Holds the last data-quality result and recomputes it at most every <c>RefreshSeconds</c> (or sooner
/// once a sync run finished), one computation at a time: concurrent requests wait for the one running and share
/// its result. Each result is published to the gauges, which never trigger a computation.</summary>
internal sealed partial class DataQualityMonitor(
    IStockBasicReader reader,
    IEnumerable<IStockDataSource> sources,
    TradeCalendar calendar,
    DataQualityMetrics metrics,
    IOptionsMonitor<DataQualityOptions> options,
    IOperationTimings timings,
    TimeProvider time,
    ILogger<DataQualityMonitor> logger) : IDisposable
{
    public const string ComputeOperation = "consistency.data_quality";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlySet<string> _synthetic = sources.Where(s => s.IsSynthetic).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    private volatile ComputedQuality? _latest;
    private volatile bool _stale;

    /// <summary>Stored rows changed: the next request recomputes instead of serving the cached result.</summary>
    public void MarkStale() => _stale = true;

    public async Task<DataQualityReport> GetAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Current() ?? await ComputeAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private DataQualityReport? Current()
        => _latest is { } latest && !_stale && time.GetUtcNow() - latest.ComputedAt < options.CurrentValue.RefreshInterval ? latest.Report : null;

    private async Task<DataQualityReport> ComputeAsync(CancellationToken cancellationToken)
    {
        _stale = false; // a run finishing from here on marks the result stale again
        var report = await timings.TimeAsync(ComputeOperation, async () =>
        {
            var rowsBySource = new Dictionary<string, IReadOnlyList<StockBasic>>(StringComparer.Ordinal);
            foreach (var source in await reader.ListSourcesAsync(cancellationToken))
            {
                rowsBySource[source] = await reader.ListBySourceAsync(source, null, cancellationToken);
            }

            var settings = options.CurrentValue;
            var openDays = rowsBySource.Count == 0 ? null : await OpenDaysAsync(cancellationToken);
            return DataQualityCalculator.Compute(new QualityInput(rowsBySource, _synthetic, time.GetUtcNow(), openDays,
                settings.MaxAgeHours, settings.MaxTradeDaysBehind));
        });
        _latest = new ComputedQuality(report, time.GetUtcNow());
        metrics.Publish(report);
        return report;
    }

    /// <summary>The calendar's open days of the last 30 days; null when no source can serve a calendar.</summary>
    private async Task<IReadOnlyList<string>?> OpenDaysAsync(CancellationToken cancellationToken)
    {
        var today = TradeDates.Today(time);
        try
        {
            return await calendar.OpenDaysAsync(today.AddDays(-30), today, [], null, cancellationToken);
        }
        catch (NoSourceAvailableException ex)
        {
            LogNoCalendar(logger, ex.Message);
            return null;
        }
    }

    private sealed record ComputedQuality(DataQualityReport Report, DateTimeOffset ComputedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data quality: no trade calendar, trade-date freshness unknown ({Reason})")]
    private static partial void LogNoCalendar(ILogger logger, string reason);
}
