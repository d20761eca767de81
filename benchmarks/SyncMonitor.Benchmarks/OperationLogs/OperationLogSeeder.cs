using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Benchmarks.OperationLogs;

/// <summary>Fills a SQLite data directory with N entries spread over 100 days (newest now), through the
/// real store, for the export benchmark.</summary>
internal static class OperationLogSeeder
{
    public static async Task<int> SeedAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var rows = options.GetInt("rows", 1_000_000);
        var dataDirectory = Path.GetFullPath(options.Get("data", Path.Combine(Path.GetTempPath(), "syncmonitor-bench")));
        await using var provider = await BenchmarkStores.OpenAsync(dataDirectory, s => s.AddOperationLogStorage());

        var store = provider.GetRequiredService<IOperationLogStore>();
        var newest = DateTimeOffset.UtcNow;
        var step = TimeSpan.FromDays(100) / rows;
        var batchSize = options.GetInt("batch", 200);
        var inserting = TimeSpan.Zero;
        string[] types = ["sync", "export", "scheduler", "consistency", "operation_log"];
        for (var start = 0; start < rows; start += 10_000)
        {
            var batch = Enumerable.Range(start, Math.Min(10_000, rows - start)).Select(i =>
            {
                var at = newest - (step * i);
                return new OperationLog
                {
                    Id = OperationLogId.New(at),
                    UserId = "u-" + (i % 17),
                    Username = "操作员 " + (i % 17),
                    ActionType = types[i % types.Length],
                    Action = i % 1000 == 0 ? "=HYPERLINK(\"x\")" : "运行股票基础信息同步 #" + i,
                    Details = new JsonObject { ["route"] = "/api/sync/stock_basics/run", ["status_code"] = 202 },
                    Success = i % 10 != 0,
                    ErrorMessage = i % 10 == 0 ? "已有同步任务正在运行，请等待当前任务完成后再试" : null,
                    DurationMs = i % 500,
                    IpAddress = "198.51.100." + (i % 250),
                    UserAgent = "Mozilla/5.0",
                    SessionId = "s-" + (i % 1000),
                    Timestamp = at,
                    CreatedAt = at,
                };
            }).ToList();
            foreach (var chunk in batch.Chunk(batchSize))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await store.InsertManyAsync(chunk, CancellationToken.None);
                inserting += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }
        }

        // The insert time alone (batches of the writer's size) is the writer's capacity.
        Console.WriteLine($"SEEDED rows={rows} data={dataDirectory} insert={rows / inserting.TotalSeconds:F0} rows/s in batches of {batchSize}");
        return 0;
    }
}
