using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>The global lease: atomic, fenced, released only by its owner, taken over only after expiry. Leases are
/// short (2 s) because on MongoDB the server's clock decides and time really passes; the SQLite suite moves a fake
/// clock instead.</summary>
public abstract class SyncLeaseStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private TimeProvider? _clock;

    private TimeProvider Clock => _clock ??= NewClock();

    private DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The clock the stores read (SQLite: a fake one at <see cref="T0"/>; MongoDB: the real one).</summary>
    protected abstract TimeProvider NewClock();

    /// <summary>Lets <paramref name="span"/> pass on the stores' clock.</summary>
    protected abstract Task PassAsync(TimeProvider clock, TimeSpan span);

    /// <summary>Holds the store's write lock as another process's write transaction would (SQLite); a no-op where
    /// acquisitions do not queue behind writers (MongoDB).</summary>
    protected abstract Task<IAsyncDisposable> BlockWritersAsync(StoreHarness harness);

    private static LeaseClaim Claim(string owner, string taskId = "task-1") => new(owner, new CurrentTask
    {
        TaskId = taskId,
        TaskType = SyncTaskType.StockBasics,
        StartTime = T0,
        Owner = "host-" + owner,
    });

    private async Task<(StoreHarness Harness, ISyncLeaseStore Leases)> LeasesAsync()
    {
        var harness = await HarnessAsync(s => s.AddSyncStorage(), Clock);
        return (harness, harness.Get<ISyncLeaseStore>());
    }

    [SkippableFact]
    public async Task The_first_acquisition_gets_fencing_token_1_and_a_second_owner_is_told_who_holds_it()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;

        var first = await leases.TryAcquireAsync(Claim("a"), Lease, CancellationToken.None);
        var second = await leases.TryAcquireAsync(Claim("b", "task-2"), Lease, CancellationToken.None);

        first.Lease!.FencingToken.Should().Be(1);
        second.Acquired.Should().BeFalse();
        second.Holder!.Task!.TaskId.Should().Be("task-1");
        second.Holder.OwnerToken.Should().Be("a");
    }

    [SkippableFact]
    public async Task Many_concurrent_acquisitions_admit_exactly_one()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(() => leases.TryAcquireAsync(Claim("o" + i, "t" + i), Lease, CancellationToken.None))));

        attempts.Count(a => a.Acquired).Should().Be(1);
        var winner = attempts.Single(a => a.Acquired);
        attempts.Where(a => !a.Acquired).Should().OnlyContain(a => a.Holder!.OwnerToken == winner.Lease!.OwnerToken);
    }

    [SkippableFact]
    public async Task An_expired_lease_is_taken_over_with_a_higher_token_and_the_dead_task_is_reported()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var dead = (await leases.TryAcquireAsync(Claim("dead", "dead-task"), Lease, CancellationToken.None)).Lease!;

        await PassAsync(Clock, Lease + TimeSpan.FromSeconds(1));
        var takeover = await leases.TryAcquireAsync(Claim("new", "new-task"), Lease, CancellationToken.None);

        takeover.Lease!.FencingToken.Should().Be(dead.FencingToken + 1);
        takeover.ExpiredTask!.TaskId.Should().Be("dead-task");
        (await leases.RenewAsync(dead, Now, Lease, CancellationToken.None))
            .Should().BeFalse("the dead owner lost its lease");
    }

    [SkippableFact]
    public async Task Renewal_keeps_the_lease_past_its_first_expiry()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var held = (await leases.TryAcquireAsync(Claim("a"), Lease, CancellationToken.None)).Lease!;

        await PassAsync(Clock, TimeSpan.FromSeconds(1.5));
        (await leases.RenewAsync(held, Now, Lease, CancellationToken.None)).Should().BeTrue();
        await PassAsync(Clock, TimeSpan.FromSeconds(1.5));
        var other = await leases.TryAcquireAsync(Claim("b", "task-2"), Lease, CancellationToken.None);

        other.Acquired.Should().BeFalse("the renewed lease runs until 3.5 s");
    }

    [SkippableFact]
    public async Task Only_the_owner_releases_and_a_released_lease_is_free_without_reporting_a_dead_task()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var held = (await leases.TryAcquireAsync(Claim("a"), Lease, CancellationToken.None)).Lease!;

        await leases.ReleaseAsync(held with { OwnerToken = "impostor" }, CancellationToken.None);
        (await leases.GetAsync(CancellationToken.None))!.IsHeldAt(Now).Should().BeTrue();

        await leases.ReleaseAsync(held, CancellationToken.None);
        var next = await leases.TryAcquireAsync(Claim("b", "task-2"), Lease, CancellationToken.None);
        next.Lease!.FencingToken.Should().Be(2);
        next.ExpiredTask.Should().BeNull();
    }

    [SkippableFact]
    public async Task A_cancel_request_reaches_the_lease_of_the_named_running_task_only()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        await leases.TryAcquireAsync(Claim("a", "running-task"), Lease, CancellationToken.None);

        (await leases.RequestCancelAsync("other-task", Now, CancellationToken.None)).Should().BeFalse();
        (await leases.RequestCancelAsync("running-task", Now, CancellationToken.None)).Should().BeTrue();
        (await leases.GetAsync(CancellationToken.None))!.CancelRequested.Should().BeTrue();
    }

    /// <summary>Issue 21: the lease starts when the store grants it — after waiting behind another writer — and its
    /// expiry is a lease period after that same moment, so a run's <c>started_at</c> never predates its lease.</summary>
    [SkippableFact]
    public async Task A_lease_starts_when_the_store_grants_it_after_waiting_for_another_writer_and_expires_a_period_later()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var requested = Now;
        Task<LeaseAcquisition> acquiring;
        DateTimeOffset unblocked;
        await using (await BlockWritersAsync(harness))
        {
            acquiring = Task.Run(() => leases.TryAcquireAsync(Claim("a"), Lease, CancellationToken.None));
            await Task.Delay(300); // lets the acquisition reach the store and queue behind the writer (where it can)
            await PassAsync(Clock, TimeSpan.FromSeconds(1));
            unblocked = Now;
        }

        var lease = (await acquiring).Lease!;
        var state = (await leases.GetAsync(CancellationToken.None))!;

        lease.AcquiredAt.Should().BeOnOrAfter(requested);
        lease.AcquiredAt.Should().BeCloseTo(unblocked, TimeSpan.FromMilliseconds(500), "the acquisition was granted after the writer let go");
        state.ExpiresAt!.Value.Should().BeCloseTo(lease.AcquiredAt + Lease, TimeSpan.FromMilliseconds(100));
        state.Task!.StartTime.Should().BeCloseTo(lease.AcquiredAt, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>What an operator's mistake or an old backup does: the lease document/row is gone.</summary>
    protected abstract Task LoseLeaseDocumentAsync(StoreHarness harness);

    [SkippableFact]
    public async Task A_lost_lease_document_is_recreated_with_the_counter_above_every_token_the_data_carries()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var first = (await leases.TryAcquireAsync(Claim("a"), Lease, CancellationToken.None)).Lease!;
        await leases.ReleaseAsync(first, CancellationToken.None);
        var second = (await leases.TryAcquireAsync(Claim("b", "task-2"), Lease, CancellationToken.None)).Lease!;
        await harness.Get<IStockBasicStore>().UpsertAsync([FencedWriteStoreContract.Stock("600000", "demo")], second.FencingToken, CancellationToken.None);
        await leases.ReleaseAsync(second, CancellationToken.None);

        await LoseLeaseDocumentAsync(harness);
        var next = await leases.TryAcquireAsync(Claim("c", "task-3"), Lease, CancellationToken.None);

        next.Lease!.FencingToken.Should().Be(second.FencingToken + 1, "a row carries token {0}", second.FencingToken);
        var write = await harness.Get<IStockBasicStore>().UpsertAsync([FencedWriteStoreContract.Stock("600000", "demo", 300)], next.Lease.FencingToken, CancellationToken.None);
        write.Updated.Should().Be(1, "the new holder may rewrite the row the previous one wrote");
    }
}

public sealed class SqliteSyncLeaseStoreContract : SyncLeaseStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    protected override TimeProvider NewClock() => new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    protected override Task PassAsync(TimeProvider clock, TimeSpan span)
    {
        ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)clock).Advance(span);
        return Task.CompletedTask;
    }

    protected override Task<IAsyncDisposable> BlockWritersAsync(StoreHarness harness) => SqliteWriteLock.TakeAsync(harness);

    protected override async Task LoseLeaseDocumentAsync(StoreHarness harness)
    {
        await using var connection = await harness.Get<SqliteDatabase>().OpenAsync();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM sync_lock;";
        await delete.ExecuteNonQueryAsync();
    }
}

public sealed class MongoSyncLeaseStoreContract : SyncLeaseStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    protected override TimeProvider NewClock() => TimeProvider.System;

    protected override Task PassAsync(TimeProvider clock, TimeSpan span) => Task.Delay(span);

    protected override Task<IAsyncDisposable> BlockWritersAsync(StoreHarness harness) => Task.FromResult<IAsyncDisposable>(new NoBlock());

    private sealed class NoBlock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    protected override Task LoseLeaseDocumentAsync(StoreHarness harness)
        => harness.Get<MongoDatabaseProvider>().Database.DropCollectionAsync("sync_lock");

    private static LeaseClaim ClaimNow(string owner, string taskId) => new(owner, new CurrentTask
    {
        TaskId = taskId,
        TaskType = SyncTaskType.StockBasics,
        StartTime = DateTimeOffset.UtcNow,
        Owner = "host-" + owner,
    });

    [SkippableFact]
    public async Task An_instance_whose_clock_runs_45_s_ahead_neither_takes_a_live_lease_nor_sees_it_as_free()
    {
        await using var harness = await HarnessAsync(s => s.AddSyncStorage());
        var honest = harness.Get<ISyncLeaseStore>();
        var clockAhead = new AheadTimeProvider(TimeSpan.FromSeconds(45));
        var ahead = new MongoSyncLeaseStore(harness.Get<MongoDatabaseProvider>(), clockAhead);
        var lease = TimeSpan.FromSeconds(30);
        (await honest.TryAcquireAsync(ClaimNow("honest", "task-1"), lease, CancellationToken.None))
            .Acquired.Should().BeTrue();

        var attempt = await ahead.TryAcquireAsync(ClaimNow("ahead", "task-2"), lease, CancellationToken.None);

        attempt.Acquired.Should().BeFalse("by the server's clock the lease has 30 s left");
        attempt.Holder!.Task!.TaskId.Should().Be("task-1");
        (await ahead.GetAsync(CancellationToken.None))!.IsHeldAt(clockAhead.GetUtcNow()).Should().BeTrue("current_task is judged by the server's clock");
        (await ahead.RequestCancelAsync("task-1", clockAhead.GetUtcNow(), CancellationToken.None)).Should().BeTrue();
    }

    /// <summary>This machine's clock, <paramref name="ahead"/> in the future: another instance with a wrong clock.</summary>
    private sealed class AheadTimeProvider(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + ahead;
    }
}
