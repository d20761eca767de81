using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary><c>stock_basic_info</c> and <c>stock_daily_basic</c>: truthful insert/update counts from the store, and
/// writes refused once the writer's fencing token is stale.</summary>
public abstract class FencedWriteStoreContract : StoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    internal static StockBasic Stock(string code, string source, double totalMv = 100) => new()
    {
        Code = code,
        Symbol = code,
        Name = "样本" + code,
        FullSymbol = StockCode.Parse(code).FullSymbol,
        Market = StockCode.Parse(code).Board,
        Source = source,
        UpdatedAt = T0,
        TotalMv = totalMv,
        Pe = 12.5,
    };

    private static DailyBasic Daily(string code, string date, string source) => new()
    {
        Code = code,
        TradeDate = date,
        Source = source,
        Close = 10,
        TotalMv = 100,
        UpdatedAt = T0,
    };

    private async Task<(StoreHarness Harness, long Token)> HarnessWithLeaseAsync()
    {
        var harness = await HarnessAsync(s => s.AddSyncStorage());
        var lease = await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("writer", new CurrentTask { TaskId = "t", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h" }),
            TimeSpan.FromSeconds(60), CancellationToken.None);
        return (harness, lease.Lease!.FencingToken);
    }

    /// <summary>The first writer's lease ends (released here; expiry behaves the same) and another owner takes it.</summary>
    private static async Task<long> NewOwnerTakesTheLeaseAsync(StoreHarness harness, long staleToken, string owner, SyncTaskType type)
    {
        var leases = harness.Get<ISyncLeaseStore>();
        await leases.ReleaseAsync(new HeldLease("writer", staleToken), CancellationToken.None);
        return (await leases.TryAcquireAsync(
            new LeaseClaim(owner, new CurrentTask { TaskId = "t2", TaskType = type, StartTime = T0, Owner = "h2" }),
            TimeSpan.FromSeconds(60), CancellationToken.None)).Lease!.FencingToken;
    }

    [SkippableFact]
    public async Task Upsert_counts_inserts_then_updates_and_the_reader_returns_rows_per_source_in_code_order()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IStockBasicStore>();

        var first = await store.UpsertAsync([Stock("600000", "demo"), Stock("000001", "demo"), Stock("000001", "demo_alt")], token, CancellationToken.None);
        var second = await store.UpsertAsync([Stock("600000", "demo", 200), Stock("300750", "demo")], token, CancellationToken.None);

        (first.Inserted, first.Updated, first.Errors).Should().Be((3, 0, 0));
        (second.Inserted, second.Updated, second.Errors).Should().Be((1, 1, 0));
        var demo = await store.ListBySourceAsync("demo", null, CancellationToken.None);
        demo.Select(s => s.Code).Should().Equal("000001", "300750", "600000");
        demo.Single(s => s.Code == "600000").TotalMv.Should().Be(200);
        (await store.ListBySourceAsync("demo", ["600000"], CancellationToken.None)).Should().ContainSingle();
        (await store.ListSourcesAsync(CancellationToken.None)).Should().Equal("demo", "demo_alt");
    }

    /// <summary>A warm re-sync mostly repeats the indexed values (SQLite updates such rows without touching their
    /// indexes): every other column is still rewritten, such rows count as updated, and a row whose indexed value
    /// moved is updated too, also for a later lease holder.</summary>
    [SkippableFact]
    public async Task A_rewrite_with_unchanged_indexed_values_updates_every_other_column_and_counts_as_updated()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IStockBasicStore>();
        await store.UpsertAsync([Stock("600000", "demo"), Stock("000001", "demo")], token, CancellationToken.None);
        var later = await NewOwnerTakesTheLeaseAsync(harness, token, "writer", SyncTaskType.StockBasics);

        var again = await store.UpsertSourceAsync("demo",
            [Stock("600000", "demo") with { Name = "新名", Close = 9.5, UpdatedAt = T0.AddDays(1) }, Stock("000001", "demo", 300)],
            later, _ => Task.FromResult(true), CancellationToken.None);
        var plain = await store.UpsertAsync([Stock("600000", "demo") with { Name = "新名", Close = 9.5, UpdatedAt = T0.AddDays(2) }], later, CancellationToken.None);

        (again.Result.Inserted, again.Result.Updated, again.Result.Errors).Should().Be((0, 2, 0));
        (plain.Inserted, plain.Updated, plain.Errors).Should().Be((0, 1, 0));
        var demo = await store.ListBySourceAsync("demo", null, CancellationToken.None);
        demo.Select(s => (s.Code, s.Name, s.Close, s.TotalMv, s.UpdatedAt)).Should().Equal(
            ("000001", "样本000001", (double?)null, (double?)300, T0), ("600000", "新名", (double?)9.5, (double?)100, T0.AddDays(2)));
    }

    [SkippableFact]
    public async Task A_source_write_hands_over_that_sources_stored_rows_and_writes_only_when_told()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IStockBasicStore>();
        await store.UpsertAsync([Stock("600000", "demo"), Stock("000001", "demo"), Stock("000001", "demo_alt")], token, CancellationToken.None);
        IReadOnlyList<StockBasic> seen = [];

        var refused = await store.UpsertSourceAsync("demo", [Stock("600000", "demo", 900), Stock("300750", "demo")], token,
            stored => { seen = stored; return Task.FromResult(false); }, CancellationToken.None);
        var written = await store.UpsertSourceAsync("demo", [Stock("600000", "demo", 900), Stock("300750", "demo")], token,
            _ => Task.FromResult(true), CancellationToken.None);

        seen.Select(s => (s.Code, s.Name, s.TotalMv, s.Pe, s.UpdatedAt)).Should().BeEquivalentTo(
            [("600000", "样本600000", (double?)100, (double?)12.5, T0), ("000001", "样本000001", (double?)100, (double?)12.5, T0)],
            "the listed code's old values and the stored code the list leaves out, of that source only");
        (refused.Written, refused.Result.Inserted + refused.Result.Updated).Should().Be((false, 0));
        (written.Written, written.Result.Inserted, written.Result.Updated, written.Result.Errors).Should().Be((true, 1, 1, 0));
        var demo = await store.ListBySourceAsync("demo", null, CancellationToken.None);
        demo.Select(s => (s.Code, s.TotalMv)).Should().Equal(("000001", 100), ("300750", 100), ("600000", 900));
    }

    [SkippableFact]
    public async Task A_source_write_with_a_stale_fencing_token_is_refused_before_it_reads_or_writes()
    {
        var (harness, stale) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IStockBasicStore>();
        await store.UpsertAsync([Stock("600000", "demo")], stale, CancellationToken.None);
        await NewOwnerTakesTheLeaseAsync(harness, stale, "other", SyncTaskType.StockBasics);
        var asked = false;

        var write = () => store.UpsertSourceAsync("demo", [Stock("600000", "demo", 900)], stale,
            _ => { asked = true; return Task.FromResult(true); }, CancellationToken.None);

        await write.Should().ThrowAsync<StaleLeaseException>();
        (await store.ListBySourceAsync("demo", null, CancellationToken.None)).Single().TotalMv.Should().Be(100);
        if (this is SqliteFencedWriteStoreContract)
        {
            asked.Should().BeFalse("SQLite checks the token first, inside the write's transaction");
        }
    }

    [SkippableFact]
    public async Task A_stale_fencing_token_is_refused_and_writes_nothing()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        // The lease ends and another owner takes it: the first writer's token is now stale.
        await NewOwnerTakesTheLeaseAsync(harness, token, "newer", SyncTaskType.StockBasics);
        var store = harness.Get<IStockBasicStore>();

        var write = () => store.UpsertAsync([Stock("600000", "demo")], token, CancellationToken.None);

        await write.Should().ThrowAsync<StaleLeaseException>();
        (await store.ListBySourceAsync("demo", null, CancellationToken.None)).Should().BeEmpty();
        var daily = () => harness.Get<IDailyBasicStore>().UpsertAsync([Daily("600000", "20261124", "demo")], token, CancellationToken.None);
        await daily.Should().ThrowAsync<StaleLeaseException>();
    }

    [SkippableFact]
    public async Task Several_dates_in_one_write_are_fenced_together_and_a_stale_writer_writes_none_of_them()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        await NewOwnerTakesTheLeaseAsync(harness, token, "newer", SyncTaskType.WebBatch);
        var store = harness.Get<IDailyBasicStore>();

        var write = () => store.UpsertGroupsAsync(
            [[Daily("600000", "20261123", "demo")], [Daily("600000", "20261124", "demo"), Daily("000001", "20261124", "demo")]],
            token, CancellationToken.None);

        await write.Should().ThrowAsync<StaleLeaseException>();
        (await store.CountByTradeDateAsync("20261101", "20261130", null, CancellationToken.None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Several_dates_in_one_write_get_their_own_inserted_and_updated_counts()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IDailyBasicStore>();
        await store.UpsertAsync([Daily("600000", "20261123", "demo"), Daily("000001", "20261124", "demo")], token, CancellationToken.None);

        var results = await store.UpsertGroupsAsync(
        [
            [Daily("600000", "20261123", "demo"), Daily("300750", "20261123", "demo")],
            [],
            [Daily("000001", "20261124", "demo"), Daily("600000", "20261124", "demo"), Daily("300750", "20261124", "demo")],
        ], token, CancellationToken.None);

        results.Select(r => (r.Inserted, r.Updated, r.Errors)).Should().Equal((1, 1, 0), (0, 0, 0), (2, 1, 0));
        results.Sum(r => r.Inserted + r.Updated + r.Errors).Should().Be(5);
        (await store.CountByTradeDateAsync("20261101", "20261130", null, CancellationToken.None))
            .Should().BeEquivalentTo(new Dictionary<string, long> { ["20261123"] = 2, ["20261124"] = 3 });
    }

    [SkippableFact]
    public async Task Daily_rows_count_per_trade_date_list_per_code_and_delete_exactly_the_given_keys()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IDailyBasicStore>();
        var rows = new[] { "20261120", "20261123", "20261124" }
            .SelectMany(d => new[] { Daily("600000", d, "demo"), Daily("000001", d, "demo"), Daily("600000", d, "demo_alt") })
            .ToList();

        var written = await store.UpsertAsync(rows, token, CancellationToken.None);
        var again = await store.UpsertAsync(rows.Take(2).ToList(), token, CancellationToken.None);

        (written.Inserted, written.Updated).Should().Be((9, 0));
        (again.Inserted, again.Updated).Should().Be((0, 2));
        (await store.CountByTradeDateAsync("20261121", "20261124", "demo", CancellationToken.None))
            .Should().BeEquivalentTo(new Dictionary<string, long> { ["20261123"] = 2, ["20261124"] = 2 });
        (await store.ListAsync("600000", "20261123", "20261124", CancellationToken.None)).Should().HaveCount(4);

        var removed = await store.DeleteAsync([new DailyBasicKey("600000", "20261124", "demo"), new DailyBasicKey("600000", "20991231", "demo")], null, CancellationToken.None);

        removed.Should().Be(1);
        (await store.CountByTradeDateAsync("20261124", "20261124", null, CancellationToken.None))["20261124"].Should().Be(2);
    }

    [SkippableFact]
    public async Task Daily_rows_summarize_per_date_and_source_with_the_newest_update_and_list_codes_per_date_and_source()
    {
        var (harness, token) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IDailyBasicStore>();
        await store.UpsertAsync(
        [
            Daily("600000", "20261123", "demo"),
            Daily("000001", "20261123", "demo") with { UpdatedAt = T0.AddMinutes(7) },
            Daily("300750", "20261123", "demo"),
            Daily("600000", "20261123", "demo_alt") with { UpdatedAt = T0.AddMinutes(-3) },
            Daily("000001", "20261123", "demo_alt"),
            Daily("600000", "20261124", "demo"),
            Daily("600000", "20261125", "demo"),
            Daily("600000", "20261125", "demo_alt"),
        ], token, CancellationToken.None);

        var summary = await store.SummarizeTradeDatesAsync(["20261123", "20261124", "20991231"], CancellationToken.None);
        var several = await store.CountCodesInSeveralSourcesAsync(["20261123", "20261124"], CancellationToken.None);

        summary.Should().Equal(
            new DailyBasicDateSummary("20261123", "demo", 3, T0.AddMinutes(7)),
            new DailyBasicDateSummary("20261123", "demo_alt", 2, T0),
            new DailyBasicDateSummary("20261124", "demo", 1, T0));
        several.Should().BeEquivalentTo(new Dictionary<string, long> { ["20261123"] = 2 }, "20261125 was not asked for");
        (await store.ListCodesAsync("20261123", "demo", CancellationToken.None)).Should().Equal("000001", "300750", "600000");
        (await store.ListCodesAsync("20261123", "demo_alt", CancellationToken.None)).Should().Equal("000001", "600000");
        (await store.ListCodesAsync("20261126", "demo", CancellationToken.None)).Should().BeEmpty();
        (await store.SummarizeTradeDatesAsync([], CancellationToken.None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_delete_for_one_fencing_token_keeps_rows_a_later_writer_rewrote()
    {
        var (harness, first) = await HarnessWithLeaseAsync();
        await using var _ = harness;
        var store = harness.Get<IDailyBasicStore>();
        await store.UpsertAsync([Daily("600000", "20261124", "demo"), Daily("000001", "20261124", "demo")], first, CancellationToken.None);
        var second = await NewOwnerTakesTheLeaseAsync(harness, first, "later", SyncTaskType.WebBatch);
        await store.UpsertAsync([Daily("000001", "20261124", "demo")], second, CancellationToken.None);

        var removed = await store.DeleteAsync(
            [new DailyBasicKey("600000", "20261124", "demo"), new DailyBasicKey("000001", "20261124", "demo")], first, CancellationToken.None);

        removed.Should().Be(1);
        (await store.ListAsync("000001", "20261124", "20261124", CancellationToken.None)).Should().ContainSingle("the later writer's row stays");
        (await store.ListAsync("600000", "20261124", "20261124", CancellationToken.None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_trade_calendar_round_trips_in_date_order()
    {
        await using var harness = await HarnessAsync(s => s.AddSyncStorage());
        var calendar = harness.Get<ITradeCalendarStore>();

        await calendar.UpsertAsync([new TradeDay("SSE", "20261124", true), new TradeDay("SSE", "20261122", false), new TradeDay("SSE", "20261123", true)], CancellationToken.None);
        await calendar.UpsertAsync([new TradeDay("SSE", "20261122", false)], CancellationToken.None);

        (await calendar.ListAsync("SSE", "20261122", "20261123", CancellationToken.None))
            .Should().Equal(new TradeDay("SSE", "20261122", false), new TradeDay("SSE", "20261123", true));
    }
}

public sealed class SqliteFencedWriteStoreContract : FencedWriteStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoFencedWriteStoreContract : FencedWriteStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    /// <summary>A new owner takes the lease after the stale writer checked it and before its rows are written. On a
    /// replica set the writer's transaction already touched the lease document, so the acquisition waits until the
    /// batch committed: the new owner comes strictly after it. On a standalone server the acquisition goes through and
    /// the writer's re-check after the batch refuses it, so the run stops.</summary>
    [SkippableFact]
    public async Task A_stale_writer_racing_a_new_owner_never_writes_after_the_new_owner_took_the_lease_unnoticed()
    {
        await using var harness = await HarnessAsync(s => s.AddSyncStorage());
        var leases = harness.Get<ISyncLeaseStore>();
        // A lease of 1 ms: expired by the time the new owner asks, while the writer's check of the token still passes.
        var stale = (await leases.TryAcquireAsync(NewClaim("stale", "t1"), TimeSpan.FromMilliseconds(1), CancellationToken.None)).Lease!;
        var replicaSet = (await harness.Get<MongoDatabaseProvider>().TopologyAsync(CancellationToken.None)).SupportsTransactions;
        Task<LeaseAcquisition>? takeover = null;
        var takenBeforeTheWrite = false;
        harness.Get<MongoFencedWriter>().AfterLeaseCheck = async _ =>
        {
            takeover = Task.Run(() => leases.TryAcquireAsync(NewClaim("new", "t2"), TimeSpan.FromSeconds(60), CancellationToken.None));
            if (replicaSet)
            {
                // Blocked by the open transaction, however long we wait; the wait only gives a wrong implementation time to pass.
                await Task.WhenAny(takeover, Task.Delay(TimeSpan.FromSeconds(2)));
            }
            else
            {
                await takeover;
            }

            takenBeforeTheWrite = takeover.IsCompleted;
        };

        var write = () => harness.Get<IStockBasicStore>().UpsertAsync([Stock("600000", "demo")], stale.FencingToken, CancellationToken.None);

        if (replicaSet)
        {
            (await write()).Inserted.Should().Be(1);
            takenBeforeTheWrite.Should().BeFalse("the acquisition waits for the writer's transaction");
        }
        else
        {
            await write.Should().ThrowAsync<StaleLeaseException>("the re-check after the batch sees the new owner");
            takenBeforeTheWrite.Should().BeTrue();
        }

        (await takeover!).Lease!.FencingToken.Should().Be(stale.FencingToken + 1);
        var again = () => harness.Get<IStockBasicStore>().UpsertAsync([Stock("600001", "demo")], stale.FencingToken, CancellationToken.None);
        await again.Should().ThrowAsync<StaleLeaseException>();
    }

    private static LeaseClaim NewClaim(string owner, string taskId)
        => new(owner, new CurrentTask { TaskId = taskId, TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h-" + owner });
}
