using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The <c>SyncMonitor.Progress</c> meter: where snapshots were written, and how often Redis was lost. Both
/// counters exist from the start at zero.</summary>
internal sealed class ProgressMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.Progress";
    public const string Writes = "syncmonitor_progress_writes";
    public const string RedisFallback = "syncmonitor_progress_redis_fallback";

    private readonly Counter<long> _writes;
    private readonly Counter<long> _redisFallback;

    public ProgressMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _writes = meter.CreateCounter<long>(Writes, description: "Progress snapshot writes by store (redis|file) and outcome (success|error|unavailable).");
        _redisFallback = meter.CreateCounter<long>(RedisFallback, description: "Switches of progress storage from Redis to the file fallback.");
    }

    public IEnumerable<StartupSeries> Declare() =>
    [
        .. StartupSeries.Each(_writes, ("store", [ProgressStores.Redis, ProgressStores.File]),
            ("outcome", [ProgressWriteOutcome.Success, ProgressWriteOutcome.Error, ProgressWriteOutcome.Unavailable])),
        new(_redisFallback, []),
    ];

    public void Write(string store, string outcome)
        => _writes.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("outcome", outcome));

    public void FellBackToFile() => _redisFallback.Add(1);
}

/// <summary>Values of the <c>store</c> tag.</summary>
internal static class ProgressStores
{
    public const string Redis = "redis";
    public const string File = "file";
}

internal static class ProgressWriteOutcome
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Unavailable = "unavailable";
}
