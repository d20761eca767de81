using SyncMonitor.Api.Common.MarketData;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>The consistency report store's contract, for every provider.</summary>
public abstract class ConsistencyReportStoreContract : StoreContract
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    protected Task<StoreHarness> StoreAsync() => HarnessAsync(services => services.AddConsistencyReportStorage());

    /// <summary>A comparison of <paramref name="count"/> codes where every 10th stock's pe is off and every 7th misses pb.</summary>
    protected static ConsistencyComparison Comparison(int count, double peOff = 40)
    {
        var codes = Enumerable.Range(0, count).Select(i => (600000 + i).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        StockBasic Row(string code, string source, int i, bool alt) => new()
        {
            Code = code, Symbol = code, Name = "n", FullSymbol = code + ".SH", Source = source,
            Pe = alt && i % 10 == 0 ? peOff : 20, Pb = alt && i % 7 == 0 ? null : 2 + (i * 0.001), TotalMv = 100 + i, Close = 10,
            Volume = 1000, TurnoverRate = 1,
        };
        return ConsistencyChecker.Compare(
            codes.Select((c, i) => Row(c, "a", i, false)).Append(Row("000001", "a", 1, false)).ToList(),
            codes.Select((c, i) => Row(c, "b", i, true)).Append(Row("300001", "b", 1, true)).ToList());
    }

    protected static ConsistencyReport Report(ConsistencyComparison comparison, DateTimeOffset at, string primary = "a", string secondary = "b")
        => new(ConsistencyReportIds.New(), primary, secondary, at, "u-operator", null, false, comparison.Summary,
            comparison.OnlyInPrimary, comparison.OnlyInSecondary, []);

    [SkippableFact]
    public async Task A_five_thousand_stock_report_round_trips_with_every_entry()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(5000);
        var report = Report(comparison, T0);

        await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        var read = await store.GetAsync(report.Id, CancellationToken.None);
        var stocks = await store.GetStocksAsync(report.Id, null, CancellationToken.None);

        read.Should().BeEquivalentTo(report);
        stocks.Should().HaveCount(5000);
        stocks.Should().BeEquivalentTo(comparison.Stocks, o => o.WithStrictOrdering());
        stocks[7].Differences["pb"].Should().Be(new MetricDifference(2.007, null, null, 0.05, null));
        (await store.GetAsync(ConsistencyReportIds.New(), CancellationToken.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Stock_pages_are_in_code_order_and_can_hold_only_the_inconsistent_ones()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(100);
        var report = Report(comparison, T0);
        await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);

        var inconsistent = await store.ListStocksAsync(report.Id, new StockPageQuery(true, 2, 3), CancellationToken.None);
        var all = await store.ListStocksAsync(report.Id, new StockPageQuery(false, 4, 30), CancellationToken.None);
        var some = await store.GetStocksAsync(report.Id, ["600020", "600003", "999999"], CancellationToken.None);

        inconsistent.Total.Should().Be(10);
        inconsistent.Items.Select(s => s.Code).Should().Equal("600030", "600040", "600050");
        all.Total.Should().Be(100);
        all.Items.Select(s => s.Code).Should().Equal("600090", "600091", "600092", "600093", "600094", "600095", "600096", "600097", "600098", "600099");
        some.Select(s => s.Code).Should().Equal("600003", "600020");
    }

    [SkippableFact]
    public async Task A_resolution_is_appended_to_the_report_and_set_on_its_stocks()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(20);
        var report = Report(comparison, T0);
        await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        var resolution = new StockResolution("average", false, new Dictionary<string, double?> { ["pe"] = 30, ["pb"] = null }, T0.AddMinutes(1), "u-operator");
        var record = new ResolutionRecord("average", T0.AddMinutes(1), "u-operator", 1, 0, 1);

        var saved = await store.SaveResolutionAsync(report.Id, record, new Dictionary<string, StockResolution> { ["600010"] = resolution }, CancellationToken.None);
        var second = await store.SaveResolutionAsync(report.Id, record with { Strategy = "primary" }, new Dictionary<string, StockResolution>(), CancellationToken.None);
        var unknown = await store.SaveResolutionAsync(ConsistencyReportIds.New(), record, new Dictionary<string, StockResolution> { ["600010"] = resolution }, CancellationToken.None);

        saved.Should().BeTrue();
        second.Should().BeTrue();
        unknown.Should().BeFalse();
        (await store.GetAsync(report.Id, CancellationToken.None))!.Resolutions.Should().BeEquivalentTo(
            [record, record with { Strategy = "primary" }], o => o.WithStrictOrdering());
        var stocks = await store.GetStocksAsync(report.Id, ["600010", "600011"], CancellationToken.None);
        stocks[0].Resolution.Should().BeEquivalentTo(resolution);
        stocks[1].Resolution.Should().BeNull();
    }

    [SkippableFact]
    public async Task Concurrent_resolutions_of_one_report_are_all_appended()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(50);
        var report = Report(comparison, T0);
        await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);

        var saved = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.SaveResolutionAsync(report.Id,
            new ResolutionRecord("primary", T0.AddSeconds(i), "u" + i, 50, 0, 0),
            comparison.Stocks.ToDictionary(s => s.Code, s => ConflictResolver.Resolve(s, ResolveStrategy.Primary, T0.AddSeconds(i), "u" + i)),
            CancellationToken.None))));

        saved.Should().OnlyContain(ok => ok);
        (await store.GetAsync(report.Id, CancellationToken.None))!.Resolutions.Select(r => r.ResolvedBy)
            .Should().BeEquivalentTo(Enumerable.Range(0, 8).Select(i => "u" + i));
        (await store.GetStocksAsync(report.Id, null, CancellationToken.None)).Should().OnlyContain(s => s.Resolution != null);
    }

    [SkippableFact]
    public async Task The_latest_verdict_for_a_code_comes_from_the_newest_report_that_compared_it()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var older = Comparison(20);
        var newer = Comparison(5, peOff: 20.5);
        var olderReport = Report(older, T0.AddHours(1), "x", "y");
        var newerReport = Report(newer, T0.AddHours(2));
        // stored out of time order: the check time decides, not the insertion order
        await store.SaveAsync(newerReport, newer.Stocks, CancellationToken.None);
        await store.SaveAsync(olderReport, older.Stocks, CancellationToken.None);

        var fromNewer = await store.GetLatestVerdictAsync("600000", CancellationToken.None);
        var fromOlder = await store.GetLatestVerdictAsync("600010", CancellationToken.None);
        var never = await store.GetLatestVerdictAsync("000001", CancellationToken.None);

        fromNewer.Should().Match<Api.Modules.Consistency.ConsistencyVerdict>(v => v.ReportId == newerReport.Id && v.IsConsistent
            && v.PrimarySource == "a" && v.SecondarySource == "b" && v.CheckedAt == T0.AddHours(2) && v.RecommendedAction == "use_either");
        fromNewer!.RelativeDifferenceByMetric["pe"].Should().BeApproximately(0.5 / 20.5, 1e-12);
        fromOlder.Should().Match<Api.Modules.Consistency.ConsistencyVerdict>(v => v.ReportId == olderReport.Id && !v.IsConsistent
            && v.PrimarySource == "x" && v.Confidence == 0.75);
        never.Should().BeNull("000001 was only in the primary");
    }

    [SkippableFact]
    public async Task Reports_list_newest_first_without_their_code_lists()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(3);
        var reports = Enumerable.Range(0, 3).Select(i => Report(comparison, T0.AddMinutes(i))).ToList();
        foreach (var report in reports)
        {
            await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        }

        var page = await store.ListAsync(1, 2, CancellationToken.None);
        var page2 = await store.ListAsync(2, 2, CancellationToken.None);

        page.Total.Should().Be(3);
        page.Items.Select(r => r.Id).Should().Equal(reports[2].Id, reports[1].Id);
        page2.Items.Select(r => r.Id).Should().Equal(reports[0].Id);
        page.Items[0].OnlyInPrimary.Should().BeEmpty();
        page.Items[0].Summary.Should().BeEquivalentTo(comparison.Summary);
    }

    [SkippableFact]
    public async Task Retention_removes_old_reports_with_their_entries_and_verdicts()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(10);
        var old = Report(comparison, T0);
        var recent = Report(Comparison(2), T0.AddDays(10));
        await store.SaveAsync(old, comparison.Stocks, CancellationToken.None);
        await store.SaveAsync(recent, Comparison(2).Stocks, CancellationToken.None);

        var deleted = await store.DeleteCheckedBeforeAsync(T0.AddDays(5), CancellationToken.None);

        deleted.Should().Be(1);
        (await store.GetAsync(old.Id, CancellationToken.None)).Should().BeNull();
        (await store.GetStocksAsync(old.Id, null, CancellationToken.None)).Should().BeEmpty();
        (await store.GetLatestVerdictAsync("600005", CancellationToken.None)).Should().BeNull();
        (await store.GetLatestVerdictAsync("600001", CancellationToken.None))!.ReportId.Should().Be(recent.Id);
    }
}

public sealed class SqliteConsistencyReportStoreContract : ConsistencyReportStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoConsistencyReportStoreContract : ConsistencyReportStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    private static IMongoCollection<ConsistencyStockDocument> Entries(StoreHarness harness)
        => harness.Get<MongoDatabaseProvider>().Collection<ConsistencyStockDocument>(ConsistencyReportSchema.Stocks);

    [SkippableFact]
    public async Task Entries_a_crash_left_without_their_report_are_never_the_latest_verdict()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(3);
        var report = Report(comparison, T0);
        await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        // A later check whose process died after its entries and before its report (a standalone server's write order).
        var crashed = Report(Comparison(3, peOff: 20), T0.AddHours(1));
        await Entries(harness).InsertManyAsync(Comparison(3, peOff: 20).Stocks.Select(s => ConsistencyStockDocument.From(crashed, s)));

        (await store.GetLatestVerdictAsync("600000", CancellationToken.None))!.ReportId.Should().Be(report.Id);
    }

    [SkippableFact]
    public async Task A_per_stock_resolution_whose_record_never_reached_the_report_is_not_shown()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<IConsistencyReportStore>();
        var comparison = Comparison(3);
        var report = Report(comparison, T0);
        await store.SaveAsync(report, comparison.Stocks, CancellationToken.None);
        var resolution = new StockResolution("primary", false, new Dictionary<string, double?> { ["pe"] = 20 }, T0.AddMinutes(1), "u-operator");
        // What a resolve that died between its per-stock writes and its record leaves behind.
        await Entries(harness).BulkWriteAsync([ConsistencyReportMongoQueries.SetResolution(report.Id, "600000", resolution)]);

        (await store.GetStocksAsync(report.Id, ["600000"], CancellationToken.None)).Single().Resolution.Should().BeNull();

        var at = T0.AddMinutes(2);
        await store.SaveResolutionAsync(report.Id, new ResolutionRecord("primary", at, "u-operator", 1, 0, 0),
            new Dictionary<string, StockResolution> { ["600000"] = resolution with { ResolvedAt = at } }, CancellationToken.None);
        (await store.GetStocksAsync(report.Id, ["600000"], CancellationToken.None)).Single().Resolution!.ResolvedAt.Should().Be(at);
    }
}
