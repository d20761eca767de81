using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>The run and lease stores together (issue 13 item 5, issue 21): a finish lands only while the record is
/// running under its token, so crash recovery's verdict stays; a run starts when the store granted its lease and ends
/// before it is released, so recorded intervals are disjoint and ordered like fencing tokens — also when an
/// acquisition waited behind another writer and when a run was interrupted. SQLite moves a fake clock; on MongoDB
/// the server's clock decides and time really passes (leases of 2 s).</summary>
public abstract class RunLifecycleStoreContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    protected abstract TimeProvider NewClock();

    protected abstract Task PassAsync(TimeProvider clock, TimeSpan span);

    protected abstract Task<IAsyncDisposable> BlockWritersAsync(StoreHarness harness);

    private static LeaseClaim Claim(string id, TimeProvider clock) => new(Guid.NewGuid().ToString("N"), new CurrentTask
    {
        TaskId = id,
        TaskType = SyncTaskType.StockBasics,
        StartTime = clock.GetUtcNow(),
        Owner = "host-" + id,
    });

    private static SyncStats Running(string id, HeldLease lease) => new()
    {
        Job = "stock_basics",
        TaskId = id,
        TaskType = SyncTaskType.StockBasics,
        DataType = "stock_basic_info",
        Status = SyncRunStatus.Running,
        StartedAt = lease.AcquiredAt,
        FencingToken = lease.FencingToken,
        Message = "started",
    };

    [SkippableFact]
    public async Task A_finish_that_lands_after_crash_recovery_keeps_the_recovery_verdict_and_the_new_holders_lease()
    {
        var clock = NewClock();
        await using var harness = await HarnessAsync(s => s.AddSyncStorage(), clock);
        var (leases, runs) = (harness.Get<ISyncLeaseStore>(), harness.Get<ISyncRunStore>());
        var first = (await leases.TryAcquireAsync(Claim("late", clock), Lease, CancellationToken.None)).Lease!;
        await runs.InsertAsync(Running("late", first), CancellationToken.None);
        await PassAsync(clock, Lease + TimeSpan.FromSeconds(1)); // the owner stalls; its lease expires

        var second = (await leases.TryAcquireAsync(Claim("next", clock), Lease, CancellationToken.None)).Lease!;
        var orphans = await runs.FailOrphanedAsync(second.FencingToken, "interrupted (lease expired)", second.AcquiredAt, CancellationToken.None);
        var late = Running("late", first) with { Status = SyncRunStatus.Success, FinishedAt = clock.GetUtcNow(), Total = 1, Inserted = 1 };
        var written = await runs.FinishAsync(late, first, CancellationToken.None);

        orphans.Should().ContainSingle().Which.TaskId.Should().Be("late");
        written.Should().BeFalse("the sweeper's verdict came first");
        var stored = (await runs.GetAsync("late", CancellationToken.None))!;
        stored.Status.Should().Be(SyncRunStatus.Failed);
        stored.Message.Should().Be("interrupted (lease expired)");
        stored.FinishedAt.Should().Be(second.AcquiredAt, "an interrupted run ends when the next holder fenced it out");
        (await leases.GetAsync(CancellationToken.None))!.OwnerToken.Should().Be(second.OwnerToken, "the late finisher released nothing");
    }

    [SkippableFact]
    public async Task A_finish_under_the_current_token_is_written_once_and_frees_the_lease()
    {
        var clock = NewClock();
        await using var harness = await HarnessAsync(s => s.AddSyncStorage(), clock);
        var (leases, runs) = (harness.Get<ISyncLeaseStore>(), harness.Get<ISyncRunStore>());
        var lease = (await leases.TryAcquireAsync(Claim("run", clock), Lease, CancellationToken.None)).Lease!;
        await runs.InsertAsync(Running("run", lease), CancellationToken.None);
        var final = Running("run", lease) with { Status = SyncRunStatus.Success, FinishedAt = clock.GetUtcNow(), Message = "done" };

        (await runs.FinishAsync(final, lease, CancellationToken.None)).Should().BeTrue();
        await leases.ReleaseAsync(lease, CancellationToken.None);
        (await runs.FinishAsync(final with { Message = "again" }, lease, CancellationToken.None)).Should().BeFalse("a record is final once");

        (await runs.GetAsync("run", CancellationToken.None))!.Message.Should().Be("done");
        var next = await leases.TryAcquireAsync(Claim("next", clock), Lease, CancellationToken.None);
        next.Lease!.FencingToken.Should().Be(lease.FencingToken + 1);
    }

    [SkippableFact]
    public async Task Runs_whose_acquisition_waited_behind_a_writer_and_interrupted_runs_never_overlap_in_history()
    {
        var clock = NewClock();
        await using var harness = await HarnessAsync(s => s.AddSyncStorage(), clock);
        var (leases, runs) = (harness.Get<ISyncLeaseStore>(), harness.Get<ISyncRunStore>());
        for (var i = 0; i < 4; i++)
        {
            Task<LeaseAcquisition> acquiring;
            await using (await BlockWritersAsync(harness))
            {
                // Another instance is writing its final record: this acquisition waits while the clock moves on.
                acquiring = Task.Run(() => leases.TryAcquireAsync(Claim($"run-{i}", clock), Lease, CancellationToken.None));
                await Task.Delay(200);
                await PassAsync(clock, TimeSpan.FromSeconds(1));
            }

            var lease = (await acquiring).Lease ?? throw new InvalidOperationException($"run-{i} was refused the lease");
            await runs.FailOrphanedAsync(lease.FencingToken, "interrupted (lease expired)", lease.AcquiredAt, CancellationToken.None);
            await runs.InsertAsync(Running($"run-{i}", lease), CancellationToken.None);
            await PassAsync(clock, TimeSpan.FromMilliseconds(500));
            if (i == 1)
            {
                await PassAsync(clock, Lease + TimeSpan.FromSeconds(1)); // run-1's owner dies: its lease expires
                continue;
            }

            await runs.FinishAsync(Running($"run-{i}", lease) with { Status = SyncRunStatus.Success, FinishedAt = clock.GetUtcNow() }, lease, CancellationToken.None);
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }

        var (history, _) = await runs.ListAsync(new SyncRunQuery(1, 10), CancellationToken.None);
        var byToken = history.OrderBy(r => r.FencingToken).ToList();
        byToken.Should().HaveCount(4).And.OnlyContain(r => r.IsFinished && r.FinishedAt >= r.StartedAt);
        byToken.Single(r => r.TaskId == "run-1").Message.Should().Be("interrupted (lease expired)");
        for (var i = 1; i < byToken.Count; i++)
        {
            byToken[i].StartedAt.Should().BeOnOrAfter(byToken[i - 1].FinishedAt!.Value,
                "{0} (token {1}) starts after {2} (token {3}) ended", byToken[i].TaskId, byToken[i].FencingToken, byToken[i - 1].TaskId, byToken[i - 1].FencingToken);
        }
    }
}

public sealed class SqliteRunLifecycleStoreContract : RunLifecycleStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    protected override TimeProvider NewClock() => new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    protected override Task PassAsync(TimeProvider clock, TimeSpan span)
    {
        ((FakeTimeProvider)clock).Advance(span);
        return Task.CompletedTask;
    }

    protected override Task<IAsyncDisposable> BlockWritersAsync(StoreHarness harness) => SqliteWriteLock.TakeAsync(harness);
}

public sealed class MongoRunLifecycleStoreContract : RunLifecycleStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    protected override TimeProvider NewClock() => TimeProvider.System;

    protected override Task PassAsync(TimeProvider clock, TimeSpan span) => Task.Delay(span);

    protected override Task<IAsyncDisposable> BlockWritersAsync(StoreHarness harness) => Task.FromResult<IAsyncDisposable>(new NoBlock());

    private sealed class NoBlock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
