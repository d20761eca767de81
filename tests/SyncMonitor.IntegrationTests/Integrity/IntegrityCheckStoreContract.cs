using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Consistency.Integrity.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Integrity;

/// <summary><c>integrity_checks</c> for every provider.</summary>
public abstract class IntegrityCheckStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private Task<StoreHarness> StoreAsync() => HarnessAsync(services => services.AddIntegrityStorage());

    private static IntegrityCheckResult Check(IntegrityCheckType type, DateTimeOffset at, double rate = 100) => new()
    {
        Id = $"integrity-{type.Name()}-{at.UtcDateTime:yyyyMMdd'T'HHmmssfff}-0000abcd",
        Type = type,
        CheckedAt = at,
        WindowStart = at - type.Window(),
        Health = IntegrityBands.HealthOf(rate),
        Level = IntegrityBands.LevelOf(rate),
        CompletionRate = rate,
    };

    [SkippableFact]
    public async Task Checks_of_one_type_come_back_newest_first_within_the_limit()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IIntegrityCheckStore>();
        for (var i = 0; i < 5; i++)
        {
            await store.InsertAsync(Check(IntegrityCheckType.Quick, T0.AddMinutes(15 * i), 90 + i), CancellationToken.None);
        }

        await store.InsertAsync(Check(IntegrityCheckType.Full, T0.AddHours(5)), CancellationToken.None);

        var quick = await store.ListRecentAsync(IntegrityCheckType.Quick, 3, CancellationToken.None);

        quick.Select(c => c.CompletionRate).Should().Equal(94, 93, 92);
        quick[0].CheckedAt.Should().Be(T0.AddMinutes(60));
        (await store.ListRecentAsync(IntegrityCheckType.Full, 10, CancellationToken.None)).Should().ContainSingle();
        (await store.ListRecentAsync(IntegrityCheckType.Deep, 10, CancellationToken.None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_deep_check_round_trips_whole()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IIntegrityCheckStore>();
        var deep = IntegrityContractData.DeepResult(T0);

        await store.InsertAsync(deep, CancellationToken.None);

        (await store.ListRecentAsync(IntegrityCheckType.Deep, 1, CancellationToken.None)).Single().Should().BeEquivalentTo(deep);
    }

    [SkippableFact]
    public async Task Retention_removes_only_checks_made_before_the_cutoff()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IIntegrityCheckStore>();
        await store.InsertAsync(Check(IntegrityCheckType.Quick, T0.AddDays(-91)), CancellationToken.None);
        await store.InsertAsync(Check(IntegrityCheckType.Deep, T0.AddDays(-90).AddSeconds(-1)), CancellationToken.None);
        await store.InsertAsync(Check(IntegrityCheckType.Quick, T0.AddDays(-90)), CancellationToken.None);

        var removed = await store.DeleteOlderThanAsync(T0.AddDays(-90), CancellationToken.None);

        removed.Should().Be(2);
        (await store.ListRecentAsync(IntegrityCheckType.Quick, 10, CancellationToken.None)).Single().CheckedAt.Should().Be(T0.AddDays(-90));
        (await store.ListRecentAsync(IntegrityCheckType.Deep, 10, CancellationToken.None)).Should().BeEmpty();
    }
}

public sealed class SqliteIntegrityCheckStoreContract : IntegrityCheckStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoIntegrityCheckStoreContract : IntegrityCheckStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}

/// <summary>A deep result with every part filled in.</summary>
internal static class IntegrityContractData
{
    public static IntegrityCheckResult DeepResult(DateTimeOffset at) => new()
    {
        Id = "integrity-deep-20261124T080000000-abcd1234",
        Type = IntegrityCheckType.Deep,
        CheckedAt = at,
        WindowStart = at.AddDays(-14),
        DurationMs = 42,
        Health = IntegrityHealth.Degraded,
        Level = IntegrityLevel.Medium,
        CompletionRate = 85.5,
        SuccessfulRuns = 20,
        RunsWithCompleteOutput = 17,
        RunsWithoutTradeDates = 1,
        TradeDatesChecked = 10,
        TradeDatesWithCompleteOutput = 9,
        TradeDateCompletionRate = 90,
        AvgRowsReportedPerRun = 5000,
        AvgRowsPresentPerRun = 4990.5,
        OutputDelay = new OutputDelay { Measured = 20, AvgSeconds = 1.5, MaxSeconds = 30 },
        Duplicates = new DuplicateOutput
        {
            Codes = 3,
            Dates = [new DuplicateDate { TradeDate = "20261120", Codes = 3, ExpectedSource = "tushare", StoredSources = ["akshare", "tushare"] }],
        },
        Failures =
        [
            new OutputFailure { TaskId = "daily_basic-1", Job = "daily_basic", TradeDate = "20261120", Reason = OutputShortfall.Short, Reported = 10, Present = 7, Missing = 3, FinishedAt = at.AddDays(-1) },
            new OutputFailure { TaskId = "nightly-1", Job = "nightly", TradeDate = "20261121", Reason = OutputShortfall.NoOutput },
        ],
        FailuresTotal = 2,
        RunsTruncated = true,
        Trend = new CompletionTrend
        {
            Days = [new DailyCompletion { Day = "2026-11-22", Runs = 0, Complete = 0, CompletionRate = 100 }, new DailyCompletion { Day = "2026-11-23", Runs = 2, Complete = 1, CompletionRate = 50 }],
            SlopePerDay = -2.5,
            Direction = "degrading",
        },
    };
}
