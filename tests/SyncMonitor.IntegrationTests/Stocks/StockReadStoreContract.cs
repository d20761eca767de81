using SyncMonitor.Api.Common.MarketData;
using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Stocks.Storage;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The stock read store on every provider: best source per code chosen in the store, filters before the
/// choice, literal keywords, rows without a value last in both directions, paging, and the daily reads.</summary>
public abstract class StockReadStoreContract : StoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    protected static readonly IReadOnlyList<string> Priority = ["tushare", "csv", "demo", "demo_alt"];

    internal static StockBasic Stock(string code, string source, double? pe = 10, string? name = null, string? industry = "银行") => new()
    {
        Code = code,
        Symbol = code,
        Name = name ?? "样本" + code,
        FullSymbol = StockCode.Parse(code).FullSymbol,
        Market = StockCode.Parse(code).Board,
        Industry = industry,
        Source = source,
        UpdatedAt = T0,
        Pe = pe,
        TotalMv = pe * 10,
    };

    private protected static StockListQuery Query(string? source = null, string? sort = null, int page = 1, int pageSize = 20, string? keyword = null, string? market = null, string? industry = null)
        => StockListQuery.Parse(page, pageSize, market, industry, keyword, source, sort);

    private protected async Task<(StoreHarness Harness, IStockReadStore Store)> SeededAsync(IReadOnlyList<StockBasic> rows, IReadOnlyList<DailyBasic>? daily = null)
    {
        var harness = await HarnessAsync(s => s.AddSyncStorage().AddStocksStorage());
        var lease = await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
            new LeaseClaim("writer", new CurrentTask { TaskId = "t", TaskType = SyncTaskType.StockBasics, StartTime = T0, Owner = "h" }),
            TimeSpan.FromSeconds(60), CancellationToken.None);
        await harness.Get<IStockBasicStore>().UpsertAsync(rows, lease.Lease!.FencingToken, CancellationToken.None);
        if (daily is not null)
        {
            await harness.Get<IDailyBasicStore>().UpsertAsync(daily, lease.Lease!.FencingToken, CancellationToken.None);
        }

        return (harness, harness.Get<IStockReadStore>());
    }

    [SkippableFact]
    public async Task Each_code_is_listed_once_from_its_best_source_and_sources_outside_the_order_come_after_by_name()
    {
        var (harness, store) = await SeededAsync(
        [
            Stock("000001", "demo_alt"), Stock("000001", "csv"), Stock("000001", "demo"),
            Stock("000002", "demo_alt"),
            Stock("600000", "zeta"), Stock("600000", "alpha"),
        ]);
        await using var _ = harness;

        var page = await store.ListAsync(Query(), Priority, CancellationToken.None);

        page.Total.Should().Be(3);
        page.Items.Select(r => (r.Code, r.Source)).Should().Equal(("000001", "csv"), ("000002", "demo_alt"), ("600000", "alpha"));
    }

    [SkippableFact]
    public async Task Filters_apply_to_rows_before_the_best_source_is_chosen_and_a_source_filter_shows_only_that_source()
    {
        var (harness, store) = await SeededAsync(
        [
            Stock("000001", "demo", industry: "银行"), Stock("000001", "demo_alt", industry: "证券"),
            Stock("300750", "demo", industry: "证券"), Stock("688001", "demo_alt", industry: "证券"),
        ]);
        await using var _ = harness;

        var securities = await store.ListAsync(Query(industry: "证券"), Priority, CancellationToken.None);
        var chinext = await store.ListAsync(Query(market: "chinext"), Priority, CancellationToken.None);
        var alt = await store.ListAsync(Query(source: "demo_alt"), Priority, CancellationToken.None);

        securities.Items.Select(r => (r.Code, r.Source)).Should().Equal(("000001", "demo_alt"), ("300750", "demo"), ("688001", "demo_alt"));
        chinext.Items.Select(r => r.Code).Should().Equal("300750");
        alt.Total.Should().Be(2);
        alt.Items.Should().OnlyContain(r => r.Source == "demo_alt");
    }

    [SkippableFact]
    public async Task The_keyword_matches_code_or_name_literally_including_wildcard_and_regex_characters()
    {
        var (harness, store) = await SeededAsync(
        [
            Stock("000001", "demo", name: "平安银行"), Stock("000002", "demo", name: "万科A_100%"), Stock("600036", "demo", name: "招商.银行"),
        ]);
        await using var _ = harness;

        async Task<IReadOnlyList<string>> Find(string keyword) => (await store.ListAsync(Query(keyword: keyword), Priority, CancellationToken.None)).Items.Select(r => r.Code).ToList();

        (await Find("银行")).Should().Equal("000001", "600036");
        (await Find("0036")).Should().Equal("600036");
        (await Find("A_1")).Should().Equal("000002");
        (await Find("100%")).Should().Equal("000002");
        (await Find("_")).Should().Equal("000002");
        (await Find("%")).Should().Equal("000002");
        (await Find(".")).Should().Equal("600036");
        (await Find("A_2")).Should().BeEmpty();
        (await Find("招商%银行")).Should().BeEmpty();
        (await Find("招.*")).Should().BeEmpty();
        (await Find("a_1")).Should().Equal(new[] { "000002" }, "matching is case-insensitive for ASCII");
    }

    [SkippableFact]
    public async Task Rows_without_a_value_come_last_in_both_directions_and_ties_go_by_code()
    {
        var (harness, store) = await SeededAsync(
        [
            Stock("000001", "demo", pe: null), Stock("000002", "demo", pe: 5), Stock("000003", "demo", pe: 20),
            Stock("000004", "demo", pe: 5), Stock("000005", "demo", pe: null),
        ]);
        await using var _ = harness;

        async Task<IReadOnlyList<string>> Sorted(string sort, string? source = null)
            => (await store.ListAsync(Query(source: source, sort: sort), Priority, CancellationToken.None)).Items.Select(r => r.Code).ToList();

        (await Sorted("pe")).Should().Equal("000002", "000004", "000003", "000001", "000005");
        (await Sorted("-pe")).Should().Equal("000003", "000002", "000004", "000001", "000005");
        (await Sorted("total_mv:asc", "demo")).Should().Equal("000002", "000004", "000003", "000001", "000005");
        (await Sorted("total_mv:desc", "demo")).Should().Equal("000003", "000002", "000004", "000001", "000005");
        (await Sorted("-code")).Should().Equal("000005", "000004", "000003", "000002", "000001");
    }

    [SkippableFact]
    public async Task Pages_end_with_a_partial_page_and_a_page_beyond_the_end_is_empty_with_the_total()
    {
        var (harness, store) = await SeededAsync(Enumerable.Range(1, 7).Select(i => Stock($"00000{i}", "demo", pe: i)).ToList());
        await using var _ = harness;

        var last = await store.ListAsync(Query(sort: "-pe", page: 3, pageSize: 3), Priority, CancellationToken.None);
        var beyond = await store.ListAsync(Query(sort: "-pe", page: 4, pageSize: 3), Priority, CancellationToken.None);

        last.Items.Select(r => r.Code).Should().Equal("000001");
        last.Total.Should().Be(7);
        beyond.Items.Should().BeEmpty();
        beyond.Total.Should().Be(7);
    }

    [SkippableFact]
    public async Task Daily_reads_give_the_newest_trade_date_and_a_range_in_date_order()
    {
        static DailyBasic Daily(string date, string source) => new() { Code = "000001", TradeDate = date, Source = source, Close = 10, UpdatedAt = T0 };
        var (harness, store) = await SeededAsync([Stock("000001", "demo")],
            [Daily("20241111", "demo"), Daily("20241112", "demo"), Daily("20241112", "demo_alt"), Daily("20241113", "demo_alt"), Daily("20241113", "demo")]);
        await using var _ = harness;

        var latest = await store.GetLatestDailyAsync("000001", CancellationToken.None);
        var range = await store.ListDailyAsync("000001", "20241112", "20241113", CancellationToken.None);
        var byCode = await store.GetByCodeAsync("000001", CancellationToken.None);

        latest.Select(d => (d.TradeDate, d.Source)).Should().Equal(("20241113", "demo"), ("20241113", "demo_alt"));
        range.Select(d => (d.TradeDate, d.Source)).Should().Equal(("20241112", "demo"), ("20241112", "demo_alt"), ("20241113", "demo"), ("20241113", "demo_alt"));
        byCode.Should().ContainSingle().Which.Pe.Should().Be(10);
        (await store.GetLatestDailyAsync("600000", CancellationToken.None)).Should().BeEmpty();
        (await store.GetByCodeAsync("600000", CancellationToken.None)).Should().BeEmpty();
    }
}

public sealed class SqliteStockReadStoreContract : StockReadStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoStockReadStoreContract : StockReadStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;

    [SkippableFact]
    public async Task The_unfiltered_list_pages_through_an_index_and_follows_a_better_source_arriving()
    {
        var (harness, store) = await SeededAsync([Stock("000001", "demo", pe: 5), Stock("000002", "demo", pe: null), Stock("600000", "demo_alt", pe: 7)]);
        await using var _ = harness;
        var mongo = harness.Get<MongoDatabaseProvider>();
        var lease = await harness.Get<ISyncLeaseStore>().GetAsync(CancellationToken.None);
        await harness.Get<IStockBasicStore>().UpsertAsync([Stock("600000", "demo", pe: 3)], lease!.FencingToken, CancellationToken.None);

        var page = await store.ListAsync(Query(sort: "pe"), Priority, CancellationToken.None);

        page.Items.Select(s => (s.Code, s.Source)).Should().Equal(("600000", "demo"), ("000001", "demo"), ("000002", "demo"));
        page.Total.Should().Be(3);
        var flagged = await mongo.Collection<BsonDocument>("stock_basic_info").Find(new BsonDocument("best_of_code", true)).ToListAsync();
        flagged.Select(d => d["code"].AsString + "/" + d["source"].AsString).Should().BeEquivalentTo("000001/demo", "000002/demo", "600000/demo");
        foreach (var sort in new[] { new BsonDocument { { "pe", 1 }, { "code", 1 } }, new BsonDocument { { "total_mv", -1 }, { "code", 1 } } })
        {
            var explain = await mongo.Database.RunCommandAsync<BsonDocument>(new BsonDocument
            {
                { "explain", new BsonDocument { { "find", "stock_basic_info" }, { "filter", new BsonDocument("best_of_code", true) }, { "sort", sort } } },
            });
            explain["queryPlanner"]["winningPlan"].ToJson().Should().Contain("IXSCAN").And.NotContain("\"SORT\"", $"{sort} comes from an index");
        }
    }
}
