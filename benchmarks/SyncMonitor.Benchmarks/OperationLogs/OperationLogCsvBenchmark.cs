using BenchmarkDotNet.Attributes;
using SyncMonitor.Api.Modules.OperationLogs.Endpoints;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Benchmarks.OperationLogs;

/// <summary>The CSV formatting cost alone (no store, no HTTP): 100,000 rows into a null stream.</summary>
[MemoryDiagnoser]
public class OperationLogCsvBenchmark
{
    private const int Rows = 100_000;
    private OperationLogExportRow[] _rows = [];

    [GlobalSetup]
    public void Setup()
        => _rows = Enumerable.Range(0, Rows).Select(i => new OperationLogExportRow(
            DateTimeOffset.UtcNow.AddSeconds(-i), "操作员 " + (i % 17), "sync", i % 100 == 0 ? "=cmd" : "运行同步 #" + i,
            i % 10 != 0, i % 500, "198.51.100.7", i % 10 == 0 ? "失败原因" : null)).ToArray();

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<long> WriteCsvRow() => OperationLogCsv.WriteAsync(Stream.Null, Enumerate(), CancellationToken.None);

    private async IAsyncEnumerable<OperationLogExportRow> Enumerate()
    {
        foreach (var row in _rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
