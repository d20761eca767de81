using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Meter <c>SyncMonitor.Sources</c>: one count and one duration per source call, by source, api and outcome,
/// and each source's availability (1/0).</summary>
public sealed class SourceMetrics
{
    public const string MeterName = "SyncMonitor.Sources";
    public const string Requests = "syncmonitor_source_requests";
    public const string RequestDuration = "syncmonitor_source_request_duration_seconds";
    public const string Available = "syncmonitor_source_available";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _apis = new(StringComparer.Ordinal);

    public SourceMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(Requests, description: "Market-data source calls by source, api and outcome.");
        _duration = meter.CreateHistogram<double>(RequestDuration, unit: "s", description: "Duration of market-data source calls, retries included.");
    }

    public void Record(string source, string api, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "source", source }, { "api", api }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>The calls (<c>api</c> values) a source makes, told by its observer when the source is created.</summary>
    internal void Calls(string source, IReadOnlyList<string> apis) => _apis[source] = apis;

    /// <summary>The series of <paramref name="sources"/> that exist from the start: every call × outcome counted at
    /// zero, and each call's duration (outcome success, the one latency panels read) empty.</summary>
    public IEnumerable<StartupSeries> Declare(IEnumerable<string> sources)
        => sources.SelectMany(source => _apis.TryGetValue(source, out var apis)
            ?
            [
                .. StartupSeries.Each(_requests, ("source", [source]), ("api", apis), ("outcome", SourceOutcomes.All)),
                .. StartupSeries.Each(_duration, ("source", [source]), ("api", apis), ("outcome", [SourceOutcomes.Success])),
            ]
            : Enumerable.Empty<StartupSeries>());

    /// <summary>Registers <c>syncmonitor_source_available{source}</c>, read at scrape time: 1 available, 0 not.</summary>
    public void ObserveAvailability(Func<IEnumerable<(string Source, bool Available)>> availability)
        => _meter.CreateObservableGauge(Available,
            () => availability().Select(a => new Measurement<int>(a.Available ? 1 : 0, new KeyValuePair<string, object?>("source", a.Source))),
            description: "1 while the source's last call or probe succeeded (or none has failed since start), 0 after a failure or while its circuit is open; enabled sources only.");
}

/// <summary>Values of the <c>outcome</c> tag.</summary>
public static class SourceOutcomes
{
    public const string Success = "success";
    public const string Cancelled = "cancelled";

    /// <summary>Every value the tag can take.</summary>
    public static IReadOnlyList<string> All { get; } = [Success, Cancelled, .. Enum.GetValues<SourceFailureKind>().Select(Of)];

    public static string Of(SourceFailureKind kind) => kind switch
    {
        SourceFailureKind.Unauthorized => "unauthorized",
        SourceFailureKind.RateLimited => "rate_limited",
        SourceFailureKind.Unreachable => "unreachable",
        SourceFailureKind.BadResponse => "bad_response",
        SourceFailureKind.NotSupported => "not_supported",
        _ => "injected",
    };
}
