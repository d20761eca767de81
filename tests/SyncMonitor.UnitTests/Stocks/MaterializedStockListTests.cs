using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Stocks.Storage;
using SyncMonitor.Api.Modules.Stocks.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Stocks;

/// <summary>The materialized best source per code on Mongo, without a server: which rows carry the flag, which finds
/// make a page, and that every find has an index that gives its order (no in-memory sort).</summary>
public sealed class MaterializedStockListTests
{
    private static readonly IReadOnlyList<string> Order = SourceRanking.DisplayOrder(["tushare", "akshare", "baostock", "csv"]);

    private static BsonDocument Row(int id, string code, string source, bool? flag = null)
    {
        var row = new BsonDocument { { "_id", id }, { "code", code }, { "source", source } };
        if (flag is { } value)
        {
            row[MongoBestSourceFlags.Field] = value;
        }

        return row;
    }

    private static Dictionary<int, bool> Flags(IEnumerable<WriteModel<BsonDocument>> changes) => changes.Cast<UpdateOneModel<BsonDocument>>()
        .ToDictionary(c => ((BsonDocumentFilterDefinition<BsonDocument>)c.Filter).Document["_id"].AsInt32,
            c => ((BsonDocumentUpdateDefinition<BsonDocument>)c.Update).Document["$set"][MongoBestSourceFlags.Field].AsBoolean);

    [Fact]
    public void Exactly_the_best_row_of_each_code_is_flagged_and_rows_already_right_are_left_alone()
    {
        var changes = MongoBestSourceFlags.Changes(
        [
            Row(1, "000001", "demo", flag: true), Row(2, "000001", "tushare"), Row(3, "000001", "demo_alt", flag: false),
            Row(4, "600000", "zeta"), Row(5, "600000", "alpha"),
            Row(6, "300750", "csv", flag: true),
        ], Order);

        Flags(changes).Should().BeEquivalentTo(new Dictionary<int, bool> { [1] = false, [2] = true, [4] = false, [5] = true });
    }

    [Fact]
    public void Orders_that_rank_the_sources_present_alike_choose_alike()
    {
        var present = new[] { "csv", "demo", "alpha" };

        SourceRanking.ChooseAlike(Order, SourceRanking.DisplayOrder(["tushare", "csv"]), present).Should().BeTrue("akshare and baostock have no rows");
        SourceRanking.ChooseAlike(Order, ["demo", "csv"], present).Should().BeFalse();
    }

    [Fact]
    public void Only_the_unfiltered_list_is_read_from_the_flags()
    {
        MaterializedStockList.Applies(StockListQuery.Parse(2, 50, null, null, null, null, "-total_mv")).Should().BeTrue();
        MaterializedStockList.Applies(StockListQuery.Parse(1, 20, "main", null, null, null, null)).Should().BeFalse();
        MaterializedStockList.Applies(StockListQuery.Parse(1, 20, null, "银行", null, null, null)).Should().BeFalse();
        MaterializedStockList.Applies(StockListQuery.Parse(1, 20, null, null, "平安", null, null)).Should().BeFalse();
        MaterializedStockList.Applies(StockListQuery.Parse(1, 20, null, null, null, "demo", null)).Should().BeFalse();
    }

    [Fact]
    public void An_ascending_page_reads_rows_with_a_value_then_rows_without_one()
    {
        StockSort.TryParse("pe", out var pe).Should().BeTrue();

        MaterializedStockList.Parts(pe!, offset: 0, size: 20, withValue: 100).Select(p => (p.Skip, p.Limit)).Should().Equal((0, 20));
        var across = MaterializedStockList.Parts(pe!, offset: 0, size: 20, withValue: 5);
        across.Select(p => (p.Skip, p.Limit)).Should().Equal((0, 5), (0, 15));
        across[1].Filter.Should().BeEquivalentTo(new BsonDocument { { "best_of_code", true }, { "pe", BsonNull.Value } });
        MaterializedStockList.Parts(pe!, offset: 40, size: 20, withValue: 5).Select(p => (p.Skip, p.Limit)).Should().Equal((35, 20));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("-code")]
    [InlineData("total_mv")]
    [InlineData("-total_mv")]
    [InlineData("circ_mv")]
    [InlineData("-circ_mv")]
    [InlineData("pe")]
    [InlineData("-pe")]
    [InlineData("pb")]
    [InlineData("-pb")]
    public void Every_find_of_a_page_has_an_index_that_gives_its_order(string sort)
    {
        StockSort.TryParse(sort, out var order).Should().BeTrue();
        var declared = StocksStorageRegistration.MongoIndexes.Indexes.Select(i => i.Keys).ToList();

        foreach (var part in MaterializedStockList.Parts(order!, offset: 10, size: 20, withValue: 15))
        {
            // Equality fields first (in the index's order), then the sort: the index walks in the requested order,
            // forwards or backwards.
            declared.Should().Contain(keys => Serves(keys, part.Filter, part.Sort), $"{part.Filter} sorted by {part.Sort}");
        }
    }

    private static bool Serves(BsonDocument index, BsonDocument filter, BsonDocument sort)
    {
        var names = index.Names.ToList();
        var equalities = filter.Names.Where(n => !filter[n].IsBsonDocument).ToList();
        var prefix = names.TakeWhile(equalities.Contains).Count();
        var rest = index.Elements.Skip(prefix).ToList();
        var wanted = sort.Elements.ToList();
        if (rest.Count < wanted.Count || equalities.Any(e => !names.Take(prefix).Contains(e)))
        {
            return false;
        }

        var forwards = wanted.Select((w, i) => rest[i].Name == w.Name && rest[i].Value.ToInt32() == w.Value.ToInt32()).All(x => x);
        var backwards = wanted.Select((w, i) => rest[i].Name == w.Name && rest[i].Value.ToInt32() == -w.Value.ToInt32()).All(x => x);
        return forwards || backwards;
    }
}
