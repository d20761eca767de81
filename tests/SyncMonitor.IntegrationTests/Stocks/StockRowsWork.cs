using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>A stock-basics run that writes exactly the given rows through the real store with the run's fencing
/// token: a sync whose effect a test chooses.</summary>
internal sealed class StockRowsWork(IStockBasicStore store, IReadOnlyList<StockBasic> rows) : ISyncWork
{
    public string Job => "stock_basics";

    public string DataType => "stock_basic_info";

    public IReadOnlyList<ProgressStep> Steps { get; } = [new("upsert", 1)];

    public async Task ExecuteAsync(RunContext context)
    {
        await store.UpsertAsync(rows, context.FencingToken, context.CancellationToken);
        foreach (var source in rows.Select(r => r.Source).Distinct())
        {
            context.Recorder.UseSource("stock_list", source, synthetic: true);
        }
    }
}

internal static class StockRowsRuns
{
    /// <summary>Runs the rows through the host's SyncManager and returns once the run has ended and every listener
    /// has been told (that is when the SyncManager completes a run).</summary>
    public static async Task<SyncStats> WriteStockRowsAsync(this SyncMonitorFactory host, params StockBasic[] rows)
    {
        var services = host.Services;
        var work = new StockRowsWork(services.GetRequiredService<IStockBasicStore>(), rows);
        var start = await services.GetRequiredService<SyncManager>().StartAsync(SyncTaskType.StockBasics, "test", work, CancellationToken.None);
        start.Started.Should().BeTrue("no other sync runs in this test");
        var final = await start.Completion!.WaitAsync(TimeSpan.FromMinutes(2));
        final.Status.Should().Be(SyncRunStatus.Success);
        return final;
    }

    /// <summary>The stored row of one source for a code, to change and write back.</summary>
    public static async Task<StockBasic> StoredRowAsync(this SyncMonitorFactory host, string code, string source)
        => (await host.Services.GetRequiredService<IStockBasicStore>().ListBySourceAsync(source, [code], CancellationToken.None)).Single();
}
