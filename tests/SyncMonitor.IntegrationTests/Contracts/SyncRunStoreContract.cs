using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary><c>sync_status</c>: one record per run, listed newest first, and crash recovery of orphaned runs.</summary>
public abstract class SyncRunStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static SyncStats Run(string id, int minute, SyncRunStatus status, SyncTaskType type = SyncTaskType.StockBasics, long token = 1) => new()
    {
        Job = type == SyncTaskType.StockBasics ? "stock_basics" : "daily_basic",
        TaskId = id,
        TaskType = type,
        DataType = "stock_basic_info",
        Status = status,
        StartedAt = T0.AddMinutes(minute),
        FencingToken = token,
        DataSourcesUsed = ["stock_list:demo"],
        SourceStats = new Dictionary<string, SourceStat> { ["demo"] = new(10, 9) },
        FailedDates = ["20261120"],
        Total = 10,
        Inserted = 9,
        Errors = 1,
    };

    [SkippableFact]
    public async Task Runs_round_trip_and_list_newest_first_with_filters_and_paging()
    {
        await using var harness = await HarnessAsync(s => s.AddSyncStorage());
        var runs = harness.Get<ISyncRunStore>();
        var lease = (await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("o", new CurrentTask { TaskId = "c", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h" }),
            TimeSpan.FromSeconds(60), CancellationToken.None)).Lease!;
        lease.FencingToken.Should().Be(1);
        await runs.InsertAsync(Run("a", 1, SyncRunStatus.Success), CancellationToken.None);
        await runs.InsertAsync(Run("b", 2, SyncRunStatus.Failed, SyncTaskType.WebBatch), CancellationToken.None);
        await runs.InsertAsync(Run("c", 3, SyncRunStatus.Running), CancellationToken.None);
        (await runs.FinishAsync(Run("c", 3, SyncRunStatus.SuccessWithErrors) with { Message = "done" }, lease, CancellationToken.None)).Should().BeTrue();

        var all = await runs.ListAsync(new SyncRunQuery(1, 2), CancellationToken.None);
        var page2 = await runs.ListAsync(new SyncRunQuery(2, 2), CancellationToken.None);
        var failed = await runs.ListAsync(new SyncRunQuery(1, 10, SyncRunStatus.Failed), CancellationToken.None);
        var batches = await runs.ListAsync(new SyncRunQuery(1, 10, TaskType: SyncTaskType.WebBatch), CancellationToken.None);

        all.Total.Should().Be(3);
        all.Items.Select(r => r.TaskId).Should().Equal("c", "b");
        page2.Items.Select(r => r.TaskId).Should().Equal("a");
        failed.Items.Should().ContainSingle().Which.TaskId.Should().Be("b");
        batches.Total.Should().Be(1);
        var stored = await runs.GetAsync("c", CancellationToken.None);
        stored.Should().BeEquivalentTo(Run("c", 3, SyncRunStatus.SuccessWithErrors) with { Message = "done" });
        (await runs.GetLatestAsync(["stock_basics"], CancellationToken.None))!.TaskId.Should().Be("c");
        (await runs.GetLatestAsync(["daily_basic", "nightly"], CancellationToken.None))!.TaskId.Should().Be("b");
        (await runs.GetLatestAsync(["nightly"], CancellationToken.None)).Should().BeNull();
        (await runs.GetLatestAsync(null, CancellationToken.None))!.TaskId.Should().Be("c");
        (await runs.GetAsync("missing", CancellationToken.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Orphaned_running_runs_below_the_new_token_become_failed_and_others_stay()
    {
        await using var harness = await HarnessAsync(s => s.AddSyncStorage());
        var runs = harness.Get<ISyncRunStore>();
        await runs.InsertAsync(Run("dead", 1, SyncRunStatus.Running, token: 4), CancellationToken.None);
        await runs.InsertAsync(Run("done", 2, SyncRunStatus.Success, token: 3), CancellationToken.None);
        await runs.InsertAsync(Run("current", 3, SyncRunStatus.Running, token: 5), CancellationToken.None);

        var orphans = await runs.FailOrphanedAsync(5, "interrupted (lease expired)", T0.AddHours(1), CancellationToken.None);

        orphans.Should().ContainSingle().Which.TaskId.Should().Be("dead");
        var dead = await runs.GetAsync("dead", CancellationToken.None);
        dead!.Status.Should().Be(SyncRunStatus.Failed);
        dead.Message.Should().Be("interrupted (lease expired)");
        dead.FinishedAt.Should().Be(T0.AddHours(1));
        (await runs.GetAsync("current", CancellationToken.None))!.Status.Should().Be(SyncRunStatus.Running);
        (await runs.GetAsync("done", CancellationToken.None))!.Status.Should().Be(SyncRunStatus.Success);
    }
}

public sealed class SqliteSyncRunStoreContract : SyncRunStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoSyncRunStoreContract : SyncRunStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
