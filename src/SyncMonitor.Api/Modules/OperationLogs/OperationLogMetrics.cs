using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>The module's instruments (meter <c>SyncMonitor.OperationLogs</c>); the counters exist from the start at zero.</summary>
internal sealed class OperationLogMetrics : IStartupSeries
{
    public const string MeterName = "SyncMonitor.OperationLogs";

    private readonly Counter<long> _dropped;
    private readonly Counter<long> _written;
    private readonly Counter<long> _writeFailures;

    public OperationLogMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _dropped = meter.CreateCounter<long>("syncmonitor_oplog_dropped", "{entry}",
            "Operation-log entries dropped because the queue was full");
        _written = meter.CreateCounter<long>("syncmonitor_oplog_written", "{entry}", "Operation-log entries stored");
        _writeFailures = meter.CreateCounter<long>("syncmonitor_oplog_write_failures", "{attempt}",
            "Failed attempts to store a batch of operation-log entries (each is retried)");
        Meter = meter;
    }

    public Meter Meter { get; }

    public IEnumerable<StartupSeries> Declare() => [new(_dropped, []), new(_written, []), new(_writeFailures, [])];

    public void Dropped() => _dropped.Add(1);

    public void Written(int count) => _written.Add(count);

    public void WriteFailed() => _writeFailures.Add(1);

    /// <summary>Registers the queue depth gauge, read when metrics are collected.</summary>
    public void ObserveQueueDepth(Func<int> depth)
        => Meter.CreateObservableGauge("syncmonitor_oplog_queue_depth", depth, "{entry}",
            "Operation-log entries waiting to be stored");
}
