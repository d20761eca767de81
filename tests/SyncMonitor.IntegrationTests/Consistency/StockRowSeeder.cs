using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.IntegrationTests.Consistency;

/// <summary>Writes stock rows straight into a host's <c>stock_basic_info</c> the way a sync does: under the global
/// lease, with its fencing token. For sources no sync can produce (bad rows, made-up sources).</summary>
internal static class StockRowSeeder
{
    public static readonly DateTimeOffset At = DateTimeOffset.UtcNow;

    public static async Task SeedAsync(this IServiceProvider services, IReadOnlyList<StockBasic> rows)
    {
        var leases = services.GetRequiredService<ISyncLeaseStore>();
        var store = services.GetRequiredService<IStockBasicStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var claim = new LeaseClaim(Guid.NewGuid().ToString("N"), new CurrentTask
            {
                TaskId = "seed-" + Guid.NewGuid().ToString("N")[..12],
                TaskType = SyncTaskType.StockBasics,
                StartTime = now,
                Owner = "test-seeder",
            });
            var acquisition = await leases.TryAcquireAsync(claim, TimeSpan.FromSeconds(60), CancellationToken.None);
            if (acquisition.Lease is { } lease)
            {
                try
                {
                    var result = await store.UpsertAsync(rows, lease.FencingToken, CancellationToken.None);
                    result.Errors.Should().Be(0);
                    return;
                }
                finally
                {
                    await leases.ReleaseAsync(lease, CancellationToken.None);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the sync lease stayed busy; cannot seed rows");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A complete, valid row with round values; override what a test is about with <c>with</c>.</summary>
    public static StockBasic Row(string code, string source, double pe = 20, double pb = 2, double totalMv = 100, double close = 10,
        double volume = 1000, double turnoverRate = 1)
    {
        var parsed = StockCode.Parse(code);
        return new StockBasic
        {
            Code = parsed.Code,
            Symbol = parsed.Code,
            Name = "样本" + parsed.Code,
            Market = parsed.Board,
            ListDate = "20100104",
            Sse = parsed.ExchangeName,
            FullSymbol = parsed.FullSymbol,
            Category = "stock_cn",
            Source = source,
            UpdatedAt = At,
            TradeDate = TradeDates.Format(TradeDates.Today(TimeProvider.System)),
            Pe = pe,
            Pb = pb,
            TotalMv = totalMv,
            CircMv = totalMv / 2,
            Close = close,
            Volume = volume,
            TurnoverRate = turnoverRate,
        };
    }
}
