using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Meter <c>SyncMonitor.Sources</c>: one count and one duration per source call, by source, api and outcome.</summary>
public sealed class SourceMetrics
{
    public const string MeterName = "SyncMonitor.Sources";
    public const string Requests = "syncmonitor_source_requests";
    public const string RequestDuration = "syncmonitor_source_request_duration_seconds";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public SourceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(Requests, description: "Market-data source calls by source, api and outcome.");
        _duration = meter.CreateHistogram<double>(RequestDuration, unit: "s", description: "Duration of market-data source calls, retries included.");
    }

    public void Record(string source, string api, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "source", source }, { "api", api }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}

/// <summary>Values of the <c>outcome</c> tag.</summary>
public static class SourceOutcomes
{
    public const string Success = "success";
    public const string Cancelled = "cancelled";

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
