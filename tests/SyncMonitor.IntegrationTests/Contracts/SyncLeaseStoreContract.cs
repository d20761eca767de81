using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>The global lease: atomic, fenced, released only by its owner, taken over only after expiry.</summary>
public abstract class SyncLeaseStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static LeaseClaim Claim(string owner, string taskId = "task-1") => new(owner, new CurrentTask
    {
        TaskId = taskId,
        TaskType = SyncTaskType.StockBasics,
        StartTime = T0,
        Owner = "host-" + owner,
    });

    private async Task<(StoreHarness Harness, ISyncLeaseStore Leases)> LeasesAsync()
    {
        var harness = await HarnessAsync(s => s.AddSyncStorage());
        return (harness, harness.Get<ISyncLeaseStore>());
    }

    [SkippableFact]
    public async Task The_first_acquisition_gets_fencing_token_1_and_a_second_owner_is_told_who_holds_it()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;

        var first = await leases.TryAcquireAsync(Claim("a"), T0, Lease, CancellationToken.None);
        var second = await leases.TryAcquireAsync(Claim("b", "task-2"), T0.AddSeconds(10), Lease, CancellationToken.None);

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
            Task.Run(() => leases.TryAcquireAsync(Claim("o" + i, "t" + i), T0, Lease, CancellationToken.None))));

        attempts.Count(a => a.Acquired).Should().Be(1);
        var winner = attempts.Single(a => a.Acquired);
        attempts.Where(a => !a.Acquired).Should().OnlyContain(a => a.Holder!.OwnerToken == winner.Lease!.OwnerToken);
    }

    [SkippableFact]
    public async Task An_expired_lease_is_taken_over_with_a_higher_token_and_the_dead_task_is_reported()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var dead = (await leases.TryAcquireAsync(Claim("dead", "dead-task"), T0, Lease, CancellationToken.None)).Lease!;

        var takeover = await leases.TryAcquireAsync(Claim("new", "new-task"), T0 + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None);

        takeover.Lease!.FencingToken.Should().Be(dead.FencingToken + 1);
        takeover.ExpiredTask!.TaskId.Should().Be("dead-task");
        (await leases.RenewAsync(dead, T0 + Lease + TimeSpan.FromSeconds(2), Lease, CancellationToken.None))
            .Should().BeFalse("the dead owner lost its lease");
    }

    [SkippableFact]
    public async Task Renewal_keeps_the_lease_past_its_first_expiry()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var held = (await leases.TryAcquireAsync(Claim("a"), T0, Lease, CancellationToken.None)).Lease!;

        (await leases.RenewAsync(held, T0.AddSeconds(50), Lease, CancellationToken.None)).Should().BeTrue();
        var other = await leases.TryAcquireAsync(Claim("b", "task-2"), T0.AddSeconds(70), Lease, CancellationToken.None);

        other.Acquired.Should().BeFalse("the renewed lease runs until 110 s");
    }

    [SkippableFact]
    public async Task Only_the_owner_releases_and_a_released_lease_is_free_without_reporting_a_dead_task()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        var held = (await leases.TryAcquireAsync(Claim("a"), T0, Lease, CancellationToken.None)).Lease!;

        await leases.ReleaseAsync(held with { OwnerToken = "impostor" }, CancellationToken.None);
        (await leases.GetAsync(CancellationToken.None))!.IsHeldAt(T0.AddSeconds(1)).Should().BeTrue();

        await leases.ReleaseAsync(held, CancellationToken.None);
        var next = await leases.TryAcquireAsync(Claim("b", "task-2"), T0.AddSeconds(2), Lease, CancellationToken.None);
        next.Lease!.FencingToken.Should().Be(2);
        next.ExpiredTask.Should().BeNull();
    }

    [SkippableFact]
    public async Task A_cancel_request_reaches_the_lease_of_the_named_running_task_only()
    {
        var (harness, leases) = await LeasesAsync();
        await using var _ = harness;
        await leases.TryAcquireAsync(Claim("a", "running-task"), T0, Lease, CancellationToken.None);

        (await leases.RequestCancelAsync("other-task", T0.AddSeconds(1), CancellationToken.None)).Should().BeFalse();
        (await leases.RequestCancelAsync("running-task", T0.AddSeconds(1), CancellationToken.None)).Should().BeTrue();
        (await leases.GetAsync(CancellationToken.None))!.CancelRequested.Should().BeTrue();
    }
}

public sealed class SqliteSyncLeaseStoreContract : SyncLeaseStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoSyncLeaseStoreContract : SyncLeaseStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
