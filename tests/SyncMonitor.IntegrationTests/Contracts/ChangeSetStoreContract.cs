using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>Change sets (one row per changed code, paged and filtered by kind), the held → approved/discarded gate,
/// and staged rows — fenced like every write of a run.</summary>
public abstract class ChangeSetStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private async Task<(StoreHarness Harness, long Token)> HarnessWithLeaseAsync()
    {
        var harness = await HarnessAsync(s => s.AddSyncStorage().AddChangeStorage());
        var lease = await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("writer", new CurrentTask { TaskId = "t", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h" }),
            TimeSpan.FromSeconds(60), CancellationToken.None);
        _held = lease.Lease!;
        return (harness, lease.Lease!.FencingToken);
    }

    private HeldLease? _held;

    private static ChangeSetRecord Record(string taskId, long token, ChangeSetState state, DateTimeOffset seenAt, string source = "csv") => new()
    {
        TaskId = taskId,
        Source = source,
        FencingToken = token,
        SeenAt = seenAt,
        State = state,
        Summary = new ChangeSummary
        {
            Source = source, Listed = 1, Renamed = 2, StarStAdded = 1, ShiftedByField = new Dictionary<string, long> { ["total_mv"] = 3 },
        },
    };

    private static StockChange Change(string code, params string[] kinds) => new()
    {
        Code = code,
        Name = "名" + code,
        Kinds = kinds,
        Fields = kinds.Select(k => new FieldChange(k == "renamed" ? "name" : "total_mv", "1", "2", k == "renamed" ? "+*ST" : null)).ToList(),
    };

    [SkippableFact]
    public async Task A_change_set_round_trips_and_pages_its_entries_in_code_order_filtered_by_kind()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IChangeSetStore>();
        var entries = new[] { Change("600000", "renamed", "shifted"), Change("000001", "listed"), Change("300750", "shifted"), Change("000002", "renamed") };

        await store.SaveAsync(Record("run-1", token, ChangeSetState.Applied, T0), entries, CancellationToken.None);
        await store.SaveAsync(Record("run-2", token, ChangeSetState.Held, T0.AddDays(1)), [Change("000001", "missing")], CancellationToken.None);

        var header = await store.GetAsync("run-1", CancellationToken.None);
        header.Should().BeEquivalentTo(Record("run-1", token, ChangeSetState.Applied, T0));
        var (all, total) = await store.PageAsync("run-1", null, 1, 3, CancellationToken.None);
        total.Should().Be(4);
        all.Select(c => c.Code).Should().Equal("000001", "000002", "300750");
        (await store.PageAsync("run-1", null, 2, 3, CancellationToken.None)).Items.Single().Should().BeEquivalentTo(entries[0]);
        var (renamed, renamedTotal) = await store.PageAsync("run-1", "renamed", 1, 50, CancellationToken.None);
        (renamed.Select(c => c.Code), renamedTotal).Should().BeEquivalentTo((new[] { "000002", "600000" }, 2L));
        (await store.PageAsync("run-1", "missing", 1, 50, CancellationToken.None)).Total.Should().Be(0);
        (await store.ListBySourceAsync("csv", CancellationToken.None)).Select(r => r.TaskId).Should().Equal("run-2", "run-1");
        (await store.GetAsync("nope", CancellationToken.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Only_a_held_change_set_moves_on_and_only_once()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IChangeSetStore>();
        await store.SaveAsync(Record("held", token, ChangeSetState.Held, T0), [], CancellationToken.None);
        await store.SaveAsync(Record("applied", token, ChangeSetState.Applied, T0), [], CancellationToken.None);

        var moves = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.TryMoveAsync(
            "held", ChangeSetState.Held, i % 2 == 0 ? ChangeSetState.Approving : ChangeSetState.Discarded, "u" + i, T0, null, CancellationToken.None)));

        moves.Count(m => m).Should().Be(1, "exactly one of concurrent approve/discard wins");
        (await store.TryMoveAsync("applied", ChangeSetState.Held, ChangeSetState.Discarded, "u", T0, null, CancellationToken.None)).Should().BeFalse();
        (await store.TryMoveAsync("nope", ChangeSetState.Held, ChangeSetState.Discarded, "u", T0, null, CancellationToken.None)).Should().BeFalse();
        var held = (await store.GetAsync("held", CancellationToken.None))!;
        held.State.Should().BeOneOf(ChangeSetState.Approving, ChangeSetState.Discarded);
        held.ResolvedBy.Should().StartWith("u");
        held.Summary.Renamed.Should().Be(2, "moving keeps the summary");
    }

    [SkippableFact]
    public async Task Staged_rows_round_trip_exactly_and_drop_per_run()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var staging = harness.Get<IStagedRowStore>();
        var rows = new[] { FencedWriteStoreContract.Stock("600000", "csv", 1234.5678901234), FencedWriteStoreContract.Stock("000001", "csv", 0.1 + 0.2) };

        await staging.StageAsync("held-1", rows, token, CancellationToken.None);
        await staging.StageAsync("held-2", [rows[0]], token, CancellationToken.None);

        (await staging.ReadAsync("held-1", CancellationToken.None)).Should().Equal(rows[1], rows[0]);
        (await staging.DropAsync("held-1", CancellationToken.None)).Should().Be(2);
        (await staging.ReadAsync("held-1", CancellationToken.None)).Should().BeEmpty();
        (await staging.ReadAsync("held-2", CancellationToken.None)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task A_stale_fencing_token_stages_and_records_nothing()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        await harness.Get<ISyncLeaseStore>().ReleaseAsync(_held!, CancellationToken.None);
        (await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("newer", new CurrentTask { TaskId = "t2", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h2" }),
            TimeSpan.FromSeconds(60), CancellationToken.None)).Lease.Should().NotBeNull("the released lease is free for a newer writer");

        var stage = () => harness.Get<IStagedRowStore>().StageAsync("held", [FencedWriteStoreContract.Stock("600000", "csv")], token, CancellationToken.None);
        var save = () => harness.Get<IChangeSetStore>().SaveAsync(Record("run", token, ChangeSetState.Applied, T0), [Change("600000", "listed")], CancellationToken.None);

        await stage.Should().ThrowAsync<StaleLeaseException>();
        await save.Should().ThrowAsync<StaleLeaseException>();
        (await harness.Get<IStagedRowStore>().ReadAsync("held", CancellationToken.None)).Should().BeEmpty();
        (await harness.Get<IChangeSetStore>().GetAsync("run", CancellationToken.None)).Should().BeNull();
    }
}

public sealed class SqliteChangeSetStoreContract : ChangeSetStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoChangeSetStoreContract : ChangeSetStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
