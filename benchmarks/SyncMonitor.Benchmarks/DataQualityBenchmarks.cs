using BenchmarkDotNet.Attributes;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency.Quality;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;

namespace SyncMonitor.Benchmarks;

/// <summary>One data-quality computation over the demo pair's ~10,000 rows (the part after the store reads).</summary>
[MemoryDiagnoser]
public class DataQualityBenchmarks
{
    private QualityInput _input = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var rows = new Dictionary<string, IReadOnlyList<StockBasic>>
        {
            [DemoMarket.Primary] = await DemoPairRows.ForAsync(DemoMarket.Primary),
            [DemoMarket.Alternate] = await DemoPairRows.ForAsync(DemoMarket.Alternate),
        };
        _input = new QualityInput(rows, new HashSet<string>(rows.Keys), DateTimeOffset.UtcNow,
            ["20250303", "20250304", "20250305"], 36, 1);
    }

    [Benchmark]
    public double Compute_quality_of_ten_thousand_rows() => DataQualityCalculator.Compute(_input).Overall.Score ?? 0;
}
