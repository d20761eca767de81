using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.UnitTests.Integrity;

/// <summary>What "complete output" means, applied to runs, trade dates, rows, delay and duplicates.</summary>
public sealed class IntegrityResultBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static SyncStats Run(string id, IReadOnlyDictionary<string, long> rowsByDate, string? source = "demo", DateTimeOffset? startedAt = null, string job = "daily_basic") => new()
    {
        Job = job,
        TaskId = id,
        TaskType = SyncTaskType.WebBatch,
        DataType = "stock_daily_basic",
        Status = SyncRunStatus.Success,
        StartedAt = startedAt ?? Now.AddMinutes(-30),
        FinishedAt = (startedAt ?? Now.AddMinutes(-30)).AddMinutes(5),
        RowsByDate = rowsByDate,
        DataSourcesUsed = source is null ? [] : ["trade_calendar:" + source, "daily_data:" + source],
    };

    private static DailyBasicDateSummary Stored(string date, string source, long rows, DateTimeOffset? newest = null)
        => new(date, source, rows, newest ?? Now.AddMinutes(-27));

    private static IntegrityCheckResult Build(IReadOnlyList<SyncStats> runs, StoredOutput stored, IntegrityCheckType type = IntegrityCheckType.Quick)
        => IntegrityResultBuilder.Build("id", type, Now, runs, stored, runsTruncated: false);

    [Fact]
    public void A_run_is_complete_when_every_reported_date_has_at_least_the_reported_rows_from_its_source()
    {
        var runs = new[]
        {
            Run("complete", new Dictionary<string, long> { ["20261120"] = 3, ["20261123"] = 2 }),
            Run("short", new Dictionary<string, long> { ["20261121"] = 5 }),
            Run("no-output", new Dictionary<string, long> { ["20261122"] = 0 }),
            Run("holiday", new Dictionary<string, long>()),
        };
        var stored = new StoredOutput(
        [
            Stored("20261120", "demo", 4), Stored("20261123", "demo", 2),
            Stored("20261121", "demo", 3), Stored("20261121", "demo_alt", 9),
            Stored("20261122", "demo", 7),
        ]);

        var result = Build(runs, stored);

        (result.SuccessfulRuns, result.RunsWithCompleteOutput, result.RunsWithoutTradeDates).Should().Be((3, 1, 1));
        result.CompletionRate.Should().BeApproximately(100.0 / 3, 1e-9);
        result.Health.Should().Be(IntegrityHealth.Unhealthy);
        result.Level.Should().Be(IntegrityLevel.Critical);
        result.Failures.Select(f => (f.TaskId, f.TradeDate, f.Reason, f.Reported, f.Present, f.Missing)).Should().Equal(
            ("short", "20261121", OutputShortfall.Short, 5L, 3L, 2L),
            ("no-output", "20261122", OutputShortfall.NoOutput, 0L, 7L, 0L));
        result.FailuresTotal.Should().Be(2);
        (result.TradeDatesChecked, result.TradeDatesWithCompleteOutput).Should().Be((4, 2));
        result.TradeDateCompletionRate.Should().Be(50);
        result.AvgRowsReportedPerRun.Should().BeApproximately((5 + 5 + 0) / 3.0, 1e-9);
        result.AvgRowsPresentPerRun.Should().BeApproximately((6 + 3 + 7) / 3.0, 1e-9, "demo_alt rows do not count for a demo run");
        result.Trend.Should().BeNull();
    }

    [Fact]
    public void No_runs_in_the_window_is_healthy_at_100_with_a_note()
    {
        var result = Build([Run("holiday", new Dictionary<string, long>())], StoredOutput.Empty);

        result.Should().Match<IntegrityCheckResult>(r => r.CompletionRate == 100 && r.Health == IntegrityHealth.Healthy
            && r.Level == IntegrityLevel.None && r.Note == IntegrityResultBuilder.NoRunsNote && r.SuccessfulRuns == 0);
    }

    [Fact]
    public void A_run_without_recorded_sources_is_judged_against_every_source()
    {
        var result = Build([Run("legacy", new Dictionary<string, long> { ["20261120"] = 5 }, source: null)],
            new StoredOutput([Stored("20261120", "demo", 3), Stored("20261120", "tushare", 2)]));

        result.CompletionRate.Should().Be(100);
    }

    [Fact]
    public void Output_delay_is_the_newest_row_update_after_the_run_finished_floored_at_zero()
    {
        var finishedEarly = Run("a", new Dictionary<string, long> { ["20261120"] = 1 }, startedAt: Now.AddMinutes(-50));
        var finishedLate = Run("b", new Dictionary<string, long> { ["20261121"] = 1 }, startedAt: Now.AddMinutes(-20));
        var stored = new StoredOutput(
        [
            Stored("20261120", "demo", 1, Now.AddMinutes(-40)), // finished at −45: 5 minutes late
            Stored("20261121", "demo", 1, Now.AddMinutes(-17)), // finished at −15: written during the run
        ]);

        var delay = Build([finishedEarly, finishedLate], stored).OutputDelay;

        delay.Measured.Should().Be(2);
        delay.MaxSeconds.Should().Be(300);
        delay.AvgSeconds.Should().Be(150);
    }

    [Fact]
    public void Codes_under_several_sources_count_as_duplicates_only_where_the_runs_used_one_source()
    {
        var runs = new[]
        {
            Run("one-source", new Dictionary<string, long> { ["20261120"] = 2 }),
            Run("fallback-1", new Dictionary<string, long> { ["20261121"] = 2 }, source: "tushare"),
            Run("fallback-2", new Dictionary<string, long> { ["20261121"] = 2 }, source: "akshare"),
        };
        var stored = new StoredOutput(
            [Stored("20261120", "demo", 2), Stored("20261120", "csv", 2), Stored("20261121", "tushare", 2), Stored("20261121", "akshare", 2)],
            new Dictionary<string, long> { ["20261120"] = 2, ["20261121"] = 2 });

        var duplicates = Build(runs, stored).Duplicates;

        duplicates.Codes.Should().Be(2);
        duplicates.Dates.Should().ContainSingle().Which.Should().BeEquivalentTo(new DuplicateDate
        {
            TradeDate = "20261120", Codes = 2, ExpectedSource = "demo", StoredSources = ["csv", "demo"],
        });
    }

    [Fact]
    public void The_failures_listed_are_capped_while_the_total_counts_them_all()
    {
        var runs = Enumerable.Range(0, 130).Select(i => Run($"r{i:000}", new Dictionary<string, long> { [$"2026{i:0000}"] = 1 })).ToList();

        var result = Build(runs, StoredOutput.Empty);

        result.FailuresTotal.Should().Be(130);
        result.Failures.Should().HaveCount(IntegrityResultBuilder.MaxFailuresListed);
        result.Failures[0].TaskId.Should().Be("r000");
        result.Level.Should().Be(IntegrityLevel.Critical);
    }

    [Fact]
    public void A_deep_check_lists_every_day_of_its_window_and_fits_the_slope_over_days_with_runs()
    {
        // Asia/Shanghai days: Now is 2026-11-24 20:00 there; the window starts 2026-11-10 20:00.
        DateTimeOffset Day(int daysAgo) => Now.AddDays(-daysAgo);
        var runs = new List<SyncStats>
        {
            Run("d3-ok", new Dictionary<string, long> { ["20261118"] = 1 }, startedAt: Day(3)),
            Run("d3-ok2", new Dictionary<string, long> { ["20261118"] = 1 }, startedAt: Day(3).AddMinutes(5)),
            Run("d2-ok", new Dictionary<string, long> { ["20261119"] = 1 }, startedAt: Day(2)),
            Run("d2-short", new Dictionary<string, long> { ["20261120"] = 2 }, startedAt: Day(2).AddMinutes(5)),
            Run("d1-short", new Dictionary<string, long> { ["20261120"] = 2 }, startedAt: Day(1)),
        };
        var stored = new StoredOutput([Stored("20261118", "demo", 1), Stored("20261119", "demo", 1), Stored("20261120", "demo", 1)]);

        var trend = Build(runs, stored, IntegrityCheckType.Deep).Trend!;

        trend.Days.Should().HaveCount(15);
        trend.Days[0].Day.Should().Be("2026-11-10");
        trend.Days[^1].Day.Should().Be("2026-11-24");
        trend.Days.Where(d => d.Runs > 0).Select(d => (d.Day, d.Runs, d.Complete, d.CompletionRate)).Should().Equal(
            ("2026-11-21", 2L, 2L, 100.0), ("2026-11-22", 2L, 1L, 50.0), ("2026-11-23", 1L, 0L, 0.0));
        trend.SlopePerDay.Should().BeApproximately(-50, 1e-9);
        trend.Direction.Should().Be("degrading");
    }

    [Fact]
    public void Trade_dates_take_the_most_rows_any_run_reported_and_the_union_of_their_sources()
    {
        var runs = new[]
        {
            Run("first", new Dictionary<string, long> { ["20261120"] = 4 }, source: "tushare"),
            Run("second", new Dictionary<string, long> { ["20261120"] = 6 }, source: "akshare"),
        };
        var stored = new StoredOutput([Stored("20261120", "tushare", 4), Stored("20261120", "akshare", 1), Stored("20261120", "demo", 9)]);

        var date = OutputJudge.ByTradeDate(runs, stored).Single();

        date.Should().Match<TradeDateVerdict>(d => d.Expected == 6 && d.Present == 5 && d.Missing == 1 && d.Shortfall == OutputShortfall.Short);
        date.Sources.Should().Equal("akshare", "tushare");
        date.RunIds.Should().Equal("first", "second");
    }
}
