using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary>Meter <c>SyncMonitor.Integrity</c>: <c>syncmonitor_integrity_completion_rate{type}</c> is the latest
/// check's completion rate (percent) per check type (a type appears once it has been checked since start);
/// <c>syncmonitor_integrity_checks{type,health}</c> counts checks (every type and health from the start, at zero).</summary>
internal sealed class IntegrityMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.Integrity";
    public const string CompletionRateName = "syncmonitor_integrity_completion_rate";
    public const string ChecksName = "syncmonitor_integrity_checks";

    private readonly ConcurrentDictionary<IntegrityCheckType, double> _latest = new();
    private readonly Counter<long> _checks;

    public IntegrityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(CompletionRateName, Observe, description: "Completion rate (percent) of the latest integrity check, by check type.");
        _checks = meter.CreateCounter<long>(ChecksName, description: "Integrity checks run, by check type and resulting health.");
    }

    public void Record(IntegrityCheckResult result)
    {
        _latest[result.Type] = result.CompletionRate;
        _checks.Add(1, new KeyValuePair<string, object?>("type", result.Type.Name()), new KeyValuePair<string, object?>("health", HealthName(result.Health)));
    }

    public IEnumerable<StartupSeries> Declare() => StartupSeries.Each(_checks,
        ("type", IntegrityCheckTypes.All.Select(t => t.Name())),
        ("health", new[] { IntegrityHealth.Healthy, IntegrityHealth.Degraded, IntegrityHealth.Unhealthy }.Select(HealthName)));

    /// <summary>Fills in types not checked since start from stored results (e.g. after a restart), never
    /// replacing a newer in-process value.</summary>
    public void Seed(IntegrityCheckResult result) => _latest.TryAdd(result.Type, result.CompletionRate);

    private static string HealthName(IntegrityHealth health) => health.ToString().ToLowerInvariant();

    private IEnumerable<Measurement<double>> Observe()
        => _latest.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("type", p.Key.Name())));
}
