using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.Api.Modules.Consistency.Integrity.Jobs;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Integrity;

/// <summary>The real host with the integrity schedules paused (a check fired by the clock would add results while a
/// test counts them), and ways to leave <c>sync_status</c> and <c>stock_daily_basic</c> as runs would have.</summary>
internal sealed class IntegrityHost : SyncMonitorFactory
{
    public const int RowsPerRun = 3;

    public IntegrityHost()
    {
        foreach (var job in new[] { QuickIntegrityCheckJob.Name, FullIntegrityCheckJob.Name, DeepIntegrityCheckJob.Name })
        {
            With($"Scheduler:Jobs:{job}:Enabled", "false");
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static string DateFor(int index) => TradeDates.Format(new DateOnly(2025, 1, 1).AddDays(index));

    /// <summary>A finished daily run as the SyncManager records it.</summary>
    public async Task<SyncStats> SeedRunAsync(
        string taskId, IReadOnlyDictionary<string, long> rowsByDate, DateTimeOffset startedAt,
        string source = "demo", SyncRunStatus status = SyncRunStatus.Success, string job = "daily_basic")
    {
        var run = new SyncStats
        {
            Job = job,
            TaskId = taskId,
            TaskType = SyncTaskType.WebBatch,
            DataType = "stock_daily_basic",
            Status = status,
            StartedAt = startedAt,
            FinishedAt = startedAt.AddMinutes(1),
            RowsByDate = rowsByDate,
            DataSourcesUsed = ["trade_calendar:" + source, "daily_data:" + source],
            Inserted = rowsByDate.Values.Sum(),
        };
        await Get<ISyncRunStore>().InsertAsync(run, CancellationToken.None);
        return run;
    }

    /// <summary>Rows 600000, 600001, … for one date, written under a lease like a run's.</summary>
    public async Task SeedRowsAsync(string tradeDate, int count, string source = "demo", int firstCode = 0)
    {
        if (count == 0)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var leases = Get<ISyncLeaseStore>();
        var claim = new LeaseClaim(Guid.NewGuid().ToString("N"),
            new CurrentTask { TaskId = "seed-" + Guid.NewGuid().ToString("N")[..8], TaskType = SyncTaskType.WebBatch, StartTime = now, Owner = "test" });
        var lease = (await leases.TryAcquireAsync(claim, TimeSpan.FromSeconds(60), CancellationToken.None)).Lease
            ?? throw new InvalidOperationException("the sync lock is held; seeding needs it");
        try
        {
            var rows = Enumerable.Range(firstCode, count).Select(i => new DailyBasic
            {
                Code = (600000 + i).ToString(CultureInfo.InvariantCulture),
                TradeDate = tradeDate,
                Source = source,
                Close = 10,
                UpdatedAt = now,
            }).ToList();
            await Get<IDailyBasicStore>().UpsertAsync(rows, lease.FencingToken, CancellationToken.None);
        }
        finally
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
    }

    /// <summary><paramref name="total"/> runs started at <paramref name="startedAt"/>, each covering its own trade date
    /// with <see cref="RowsPerRun"/> rows reported; the first <paramref name="complete"/> have them all, the rest one short.</summary>
    public async Task SeedRunsAsync(int total, int complete, DateTimeOffset startedAt, string prefix = "run", int firstDate = 0)
    {
        for (var i = 0; i < total; i++)
        {
            var date = DateFor(firstDate + i);
            await SeedRunAsync($"{prefix}-{i:000}", new Dictionary<string, long> { [date] = RowsPerRun }, startedAt.AddSeconds(i));
            await SeedRowsAsync(date, i < complete ? RowsPerRun : RowsPerRun - 1);
        }
    }

    public async Task<JsonElement> CheckAsync(string type)
    {
        var response = await CreateClient(TestApiKeys.Operator).PostAsJsonAsync(IntegrityApiPaths.Check, new { type });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The alerts of rule integrity_level for one check type, newest first.</summary>
    public async Task<List<JsonElement>> IntegrityAlertsAsync(string check)
    {
        var body = await CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>("/api/monitoring/alerts?limit=500");
        return body.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("rule").GetString() == "integrity_level" && a.GetProperty("labels").GetProperty("check").GetString() == check)
            .ToList();
    }
}
