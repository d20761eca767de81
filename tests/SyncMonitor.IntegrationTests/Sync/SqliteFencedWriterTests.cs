using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Contracts;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>What the SQLite bulk writer must keep while it goes fast: every column where it belongs, a bad row is a
/// row error (the rest of the batch is written), a row a newer writer owns is refused and counted, and
/// total = inserted + updated + errors.</summary>
public sealed class SqliteFencedWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static async Task<(StoreHarness Harness, long Token)> HarnessAsync()
    {
        var harness = await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage());
        var lease = await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("writer", new CurrentTask { TaskId = "t", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h" }),
            TimeSpan.FromSeconds(60), CancellationToken.None);
        return (harness, lease.Lease!.FencingToken);
    }

    [Fact]
    public async Task Every_column_of_both_tables_round_trips()
    {
        var (harness, token) = await HarnessAsync();
        await using var _ = harness;
        var stock = new StockBasic
        {
            Code = "600000", Source = "demo", Symbol = "600000", Name = "浦发银行", Area = "上海", Industry = "银行",
            Market = "主板", ListDate = "19991110", Sse = "SH", FullSymbol = "600000.SH", Category = "A", UpdatedAt = T0,
            TradeDate = "20261124", Close = 1.5, Pe = 2.5, PeTtm = 3.5, Pb = 4.5, Ps = 5.5, TurnoverRate = 6.5,
            VolumeRatio = 7.5, Volume = 8.5, TotalShare = 9.5, FloatShare = 10.5, TotalMv = 11.5, CircMv = 12.5,
        };
        var daily = new DailyBasic
        {
            Code = "600000", TradeDate = "20261124", Source = "demo", Close = 1.25, TurnoverRate = 2.25, VolumeRatio = 3.25,
            Volume = 4.25, Pe = 5.25, PeTtm = 6.25, Pb = 7.25, Ps = 8.25, TotalShare = 9.25, FloatShare = 10.25,
            TotalMv = 11.25, CircMv = 12.25, UpdatedAt = T0.AddMinutes(1),
        };
        var sparse = new StockBasic { Code = "000001", Source = "demo", Symbol = "000001", Name = "平安银行", FullSymbol = "000001.SZ", UpdatedAt = T0 };

        await harness.Get<IStockBasicStore>().UpsertAsync([stock, sparse], token, CancellationToken.None);
        await harness.Get<IDailyBasicStore>().UpsertAsync([daily], token, CancellationToken.None);

        var stored = await harness.Get<IStockBasicStore>().ListBySourceAsync("demo", null, CancellationToken.None);
        stored.Should().BeEquivalentTo([sparse, stock], o => o.WithStrictOrdering());
        (await harness.Get<IDailyBasicStore>().ListAsync("600000", "20261124", "20261124", CancellationToken.None))
            .Should().ContainSingle().Which.Should().BeEquivalentTo(daily);
    }

    [Fact]
    public async Task A_row_violating_a_constraint_is_an_error_and_the_rest_of_the_batch_is_written()
    {
        var (harness, token) = await HarnessAsync();
        await using var _ = harness;
        var store = harness.Get<IStockBasicStore>();
        await store.UpsertAsync([FencedWriteStoreContract.Stock("600000", "demo")], token, CancellationToken.None);
        var bad = FencedWriteStoreContract.Stock("000002", "demo") with { Name = null! };

        var result = await store.UpsertAsync(
            [FencedWriteStoreContract.Stock("000001", "demo"), bad, FencedWriteStoreContract.Stock("600000", "demo", 7)], token, CancellationToken.None);

        (result.Inserted, result.Updated, result.Errors).Should().Be((1, 1, 1));
        result.RowErrors.Should().ContainSingle().Which.Key.Should().Be("000002|demo");
        result.RowErrors[0].Reason.Should().StartWith("constraint violated: ").And.Contain("NOT NULL");
        (await store.ListBySourceAsync("demo", null, CancellationToken.None)).Select(s => (s.Code, s.TotalMv))
            .Should().Equal(("000001", 100), ("600000", 7));
    }

    [Fact]
    public async Task In_a_several_date_write_a_refused_row_and_a_bad_row_count_against_their_own_date()
    {
        var (harness, token) = await HarnessAsync();
        await using var _ = harness;
        var store = harness.Get<IDailyBasicStore>();
        DailyBasic Daily(string code, string date) => new() { Code = code, TradeDate = date, Source = "demo", Close = 1, UpdatedAt = T0 };
        await store.UpsertAsync([Daily("600000", "20261124"), Daily("000001", "20261125")], token, CancellationToken.None);
        await using (var connection = await harness.Get<SqliteDatabase>().OpenAsync())
        {
            await using var command = connection.CreateCommand("UPDATE stock_daily_basic SET fencing_token = $t WHERE code = '600000';");
            command.Parameters.AddWithValue("$t", token + 5);
            await command.ExecuteNonQueryAsync();
        }

        var results = await store.UpsertGroupsAsync(
        [
            [Daily("600000", "20261124"), Daily("300750", "20261124")],
            [Daily("000001", "20261125"), Daily("000002", "20261125") with { Code = null! }, Daily("300750", "20261125")],
        ], token, CancellationToken.None);

        results.Select(r => (r.Inserted, r.Updated, r.Errors)).Should().Equal((1, 0, 1), (1, 1, 1));
        results[0].RowErrors.Should().ContainSingle().Which.Key.Should().Be("600000|20261124|demo");
        results[1].RowErrors.Should().ContainSingle().Which.Reason.Should().StartWith("constraint violated: ");
    }

    [Fact]
    public async Task A_row_a_newer_writer_owns_is_refused_and_counted_while_the_others_are_written()
    {
        var (harness, token) = await HarnessAsync();
        await using var _ = harness;
        var store = harness.Get<IDailyBasicStore>();
        DailyBasic Daily(string code, double close) => new() { Code = code, TradeDate = "20261124", Source = "demo", Close = close, UpdatedAt = T0 };
        await store.UpsertAsync([Daily("600000", 1), Daily("000001", 1)], token, CancellationToken.None);
        await using (var connection = await harness.Get<SqliteDatabase>().OpenAsync())
        {
            // As if a newer run had rewritten the row (a restored lease row can put the counter behind the data).
            await using var command = connection.CreateCommand("UPDATE stock_daily_basic SET fencing_token = $t WHERE code = '600000';");
            command.Parameters.AddWithValue("$t", token + 5);
            await command.ExecuteNonQueryAsync();
        }

        var result = await store.UpsertAsync([Daily("600000", 2), Daily("000001", 2), Daily("300750", 2)], token, CancellationToken.None);

        (result.Inserted, result.Updated, result.Errors).Should().Be((1, 1, 1));
        (result.Inserted + result.Updated + result.Errors).Should().Be(3);
        result.RowErrors.Should().ContainSingle().Which.Should().Be(
            new RowError("600000|20261124|demo", "refused: a sync with a newer fencing token wrote this row"));
        (await store.ListAsync("600000", "20261124", "20261124", CancellationToken.None)).Single().Close.Should().Be(1);
        (await store.ListAsync("000001", "20261124", "20261124", CancellationToken.None)).Single().Close.Should().Be(2);
    }

    [Fact]
    public async Task A_batch_larger_than_one_key_lookup_chunk_counts_inserts_and_updates_exactly()
    {
        var (harness, token) = await HarnessAsync();
        await using var _ = harness;
        var store = harness.Get<IStockBasicStore>();
        var codes = Enumerable.Range(0, 1_234).Select(i => (600000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await store.UpsertAsync(codes.Where((_, i) => i % 3 == 0).Select(c => FencedWriteStoreContract.Stock(c, "demo")).ToList(), token, CancellationToken.None);

        var result = await store.UpsertAsync(codes.Select(c => FencedWriteStoreContract.Stock(c, "demo")).ToList(), token, CancellationToken.None);

        (result.Inserted, result.Updated, result.Errors).Should().Be((822, 412, 0));
    }
}
