using System.Globalization;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.Api.Modules.Consistency.Compensation.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Compensation;

/// <summary><c>compensations</c> for every provider.</summary>
public abstract class CompensationStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private Task<StoreHarness> StoreAsync() => HarnessAsync(services => services.AddCompensationStorage());

    private static CompensationRecord Record(string id, CompensationStatus status = CompensationStatus.Running) => new()
    {
        Id = id,
        Status = status,
        Request = new CompensationScope { RunIds = ["daily_basic-1"], BatchSize = 500, MaxTasks = 10 },
        Dates = [new CompensationDate { TradeDate = "20261120", Expected = 10, Present = 7, Missing = 3, Reason = OutputShortfall.Short, Sources = ["demo"], RunIds = ["daily_basic-1"] }],
        CreatedBy = "u-operator",
        CreatedAt = T0,
    };

    [SkippableFact]
    public async Task Insert_if_absent_never_overwrites_and_save_replaces()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<ICompensationStore>();
        var first = Record("compensation-1");

        await store.InsertIfAbsentAsync(first, CancellationToken.None);
        await store.InsertIfAbsentAsync(first with { Status = CompensationStatus.Failed, Message = "late first view" }, CancellationToken.None);
        (await store.GetAsync("compensation-1", CancellationToken.None)).Should().BeEquivalentTo(first);

        var done = first with { Status = CompensationStatus.Completed, RowsWritten = 3, FinishedAt = T0.AddMinutes(1), Message = "completed" };
        await store.SaveAsync(done, CancellationToken.None);
        await store.InsertIfAbsentAsync(first, CancellationToken.None);

        (await store.GetAsync("compensation-1", CancellationToken.None)).Should().BeEquivalentTo(done);
        (await store.GetAsync("compensation-2", CancellationToken.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Save_inserts_a_record_that_did_not_exist()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<ICompensationStore>();

        await store.SaveAsync(Record("compensation-3", CompensationStatus.RolledBack), CancellationToken.None);

        (await store.GetAsync("compensation-3", CancellationToken.None))!.Status.Should().Be(CompensationStatus.RolledBack);
    }

    [SkippableFact]
    public async Task Six_thousand_keys_on_each_of_three_dates_round_trip_exactly()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<ICompensationStore>();
        var codes = Enumerable.Range(0, 6000).Select(i => (300000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var record = Record("compensation-big", CompensationStatus.Completed) with
        {
            Written = new[] { "20261118", "20261119", "20261120" }.Select(d => WrittenRows.Of(d, "demo", codes, confirmed: true)).ToList(),
            RowsWritten = 18000,
        };

        await store.SaveAsync(record, CancellationToken.None);
        var back = await store.GetAsync(record.Id, CancellationToken.None);

        back.Should().BeEquivalentTo(record);
        back!.Written.Should().OnlyContain(w => w.Count == 6000 && w.CodeList().SequenceEqual(codes));
    }
}

public sealed class SqliteCompensationStoreContract : CompensationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoCompensationStoreContract : CompensationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
