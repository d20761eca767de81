using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Stocks.Storage;
using SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>SQLite's own plan for the list queries. Unfiltered (the common case, and the one every best-source page
/// needs): the page is read in sort order through an index, or through the (code, source) primary key that
/// <c>stock_basic_info</c> is clustered by (a WITHOUT ROWID table, shown as a bare <c>SCAN a</c>), so no step sorts the
/// whole table and the scan stops after the page; the best-source check probes the primary key per candidate row.
/// Filtered by source or market: the rows are found through that column's index and then sorted.</summary>
public sealed class StockListQueryPlanTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<string> Priority = SourcePriority.Build(["tushare", "akshare", "baostock", "csv"]);

    [Theory]
    [InlineData("-total_mv", null, null, "ix_stock_basic_info_total_mv")]
    [InlineData("total_mv", null, null, "ix_stocks_total_mv_nulls_last")]
    [InlineData("-circ_mv", null, null, "ix_stock_basic_info_circ_mv")]
    [InlineData("pe", null, null, "ix_stocks_pe_nulls_last")]
    [InlineData("-pb", null, null, "ix_stocks_pb")]
    [InlineData("code", null, null, "SCAN a")]
    [InlineData("-code", null, null, "SCAN a")]
    [InlineData("-total_mv", "demo", null, "USING INDEX ix_stock_basic_info_source")]
    [InlineData("-total_mv", null, "chinext", "USING INDEX ix_stocks_market_code")]
    public async Task Every_list_query_reads_through_an_index(string sort, string? source, string? market, string expectedIndex)
    {
        await using var harness = await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage().AddStocksStorage());
        await using var connection = await harness.Get<SqliteDatabase>().OpenAsync();
        var query = StockListQuery.Parse(1, 50, market, null, null, source, sort);

        await using var page = StockListSql.PageCommand(connection, query, Priority);
        var plan = await PlanAsync(page);
        output.WriteLine($"sort={sort} source={source} market={market}\n{string.Join('\n', plan)}\n");

        plan.Should().Contain(line => line.Contains(expectedIndex, StringComparison.Ordinal));
        var clustered = sort.EndsWith("code", StringComparison.Ordinal);
        plan.Should().NotContain(
            line => line.Contains("SCAN", StringComparison.Ordinal) && !line.Contains("USING", StringComparison.Ordinal) && !(clustered && line == "SCAN a"),
            "no step scans the table outside an index (a code sort walks the primary key)");
        if (source is null && market is null)
        {
            plan.Should().NotContain("USE TEMP B-TREE FOR ORDER BY", "the rows come in sort order; at most ties are sorted (RIGHT PART)");
        }

        if (source is null)
        {
            plan.Should().Contain(line => line.StartsWith("SEARCH b USING", StringComparison.Ordinal) && line.Contains("code=?", StringComparison.Ordinal),
                "the best-source check looks up the other rows of the same code by key");
        }
    }

    private static async Task<IReadOnlyList<string>> PlanAsync(SqliteCommand command)
    {
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
