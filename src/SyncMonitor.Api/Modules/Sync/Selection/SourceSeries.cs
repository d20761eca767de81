using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Selection;

/// <summary>The sources' series from the start, for the enabled sources only (a source without configuration is
/// never called, and reporting it unavailable would read as an outage): their calls at zero, and
/// <c>syncmonitor_source_available{source}</c> from each one's <see cref="SourceHealth"/>.</summary>
internal sealed class SourceSeries : IStartupSeries
{
    private readonly IReadOnlyList<IStockDataSource> _sources;
    private readonly SourceMetrics _metrics;

    public SourceSeries(IEnumerable<IStockDataSource> sources, SourceMetrics metrics, SourceHealthRegistry health)
    {
        _sources = [.. sources]; // creating them tells the metrics which calls each makes
        _metrics = metrics;
        metrics.ObserveAvailability(() => _sources.Where(s => s.Enabled).Select(s => (s.Name, health.For(s.Name).Available)));
    }

    public IEnumerable<StartupSeries> Declare() => _metrics.Declare(_sources.Where(s => s.Enabled).Select(s => s.Name));
}
