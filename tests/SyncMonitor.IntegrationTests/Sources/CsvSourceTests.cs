using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Csv;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>The csv source against files on disk: header validation, row errors with line numbers, code forms.</summary>
public sealed class CsvSourceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "syncmonitor-csv-" + Guid.NewGuid().ToString("N"));

    public CsvSourceTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_stock_list_has_one_row_per_code_in_any_code_form_with_the_newest_fundamentals()
    {
        await using var host = Host(Fixtures.PathOf("csv/stocks.csv"));
        var source = host.Source<CsvSource>();

        var stocks = await source.FetchStockListAsync(null, CancellationToken.None);

        stocks.Select(s => s.FullSymbol).Should().BeEquivalentTo(["000001.SZ", "600000.SH", "300750.SZ", "688981.SH", "430047.BJ"]);
        var pingAn = stocks.Single(s => s.Code == "000001");
        pingAn.Should().BeEquivalentTo(new
        {
            Name = "平安银行", Area = "深圳", Industry = "银行", Market = "主板", ListDate = "19910403", TradeDate = "20241115",
            Close = 11.52, TotalMv = 2235.5618, TotalShare = 1940591.8198, Source = "csv",
        }, "the 20241115 row wins over the 20241114 row, and values are taken in stored units");
        stocks.Single(s => s.Code == "600000").Should().BeEquivalentTo(new { Market = "主板", ListDate = "19991110" }, "an empty market is derived from the code");
        stocks.Single(s => s.Code == "430047").Should().BeEquivalentTo(new { Name = "诺思兰德", Pe = (double?)null });
        source.LastImport!.Should().BeEquivalentTo(new { RowsRead = 6, RowsAccepted = 6, ErrorCount = 0 });
    }

    [Fact]
    public async Task Daily_basic_is_the_rows_of_that_trade_date()
    {
        await using var host = Host(Fixtures.PathOf("csv/stocks.csv"));

        var rows = await host.Source<CsvSource>().FetchDailyBasicAsync("20241114", CancellationToken.None);

        rows.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = "000001", Close = 11.45, TotalMv = 2221.9776, Source = "csv" });
    }

    [Fact]
    public async Task Bad_rows_are_skipped_counted_and_reported_with_their_line_numbers()
    {
        await using var host = Host(Fixtures.PathOf("csv/stocks_with_bad_rows.csv"));
        var source = host.Source<CsvSource>();

        var stocks = await source.FetchStockListAsync(null, CancellationToken.None);

        stocks.Select(s => s.Code).Should().BeEquivalentTo(["000001", "600000"]);
        var report = source.LastImport!;
        report.RowsAccepted.Should().Be(2);
        report.ErrorCount.Should().Be(8);
        report.RowsRead.Should().Be(10);
        report.Errors.Select(e => (e.Line, e.Column)).Should().Equal(
            (3, "code"), (4, "pe"), (5, null), (6, null), (7, "code"), (8, "total_mv"), (9, "trade_date"), (11, "name"));
        report.Errors.Single(e => e.Line == 7).Message.Should().Contain("duplicate of line 2");
        report.Errors.Single(e => e.Line == 4).Message.Should().Contain("'n/a' is not a number");
        report.IgnoredColumns.Should().Equal("note");
    }

    [Fact]
    public async Task A_header_without_a_required_column_is_a_bad_response_naming_the_column()
    {
        await using var host = Host(Fixtures.PathOf("csv/stocks_missing_name.csv"));
        var source = host.Source<CsvSource>();

        var act = () => source.FetchStockListAsync(null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceUnavailableException>()).Which;
        failure.Kind.Should().Be(SourceFailureKind.BadResponse);
        failure.Message.Should().Contain("lacks required column(s) name");
        (await source.ProbeAsync(CancellationToken.None)).Error.Should().Contain("name");
    }

    [Fact]
    public async Task A_changed_file_is_read_again()
    {
        var path = Path.Combine(_directory, "stocks.csv");
        await File.WriteAllTextAsync(path, "code,name\n000001,平安银行\n");
        await using var host = Host(path);
        var source = host.Source<CsvSource>();
        (await source.FetchStockListAsync(null, CancellationToken.None)).Should().ContainSingle();

        await File.WriteAllTextAsync(path, "code,name\n000001,平安银行\nsz.000002,万科A\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));

        (await source.FetchStockListAsync(null, CancellationToken.None)).Select(s => s.Code).Should().BeEquivalentTo(["000001", "000002"]);
    }

    [Fact]
    public async Task A_missing_file_is_unreachable_and_the_calendar_is_not_supported()
    {
        await using var host = Host(Path.Combine(_directory, "absent.csv"));
        var source = host.Source<CsvSource>();

        var read = () => source.FetchStockListAsync(null, CancellationToken.None);
        var calendar = () => source.FetchTradeCalendarAsync("20241111", "20241117", CancellationToken.None);

        (await read.Should().ThrowAsync<SourceUnavailableException>()).Which.Kind.Should().Be(SourceFailureKind.Unreachable);
        (await calendar.Should().ThrowAsync<SourceUnavailableException>()).Which.Kind.Should().Be(SourceFailureKind.NotSupported);
        (await source.ProbeAsync(CancellationToken.None)).Should().BeEquivalentTo(new { Available = false });
    }

    [Fact]
    public async Task A_readable_file_probes_available()
    {
        await using var host = Host(Fixtures.PathOf("csv/stocks.csv"));

        (await host.Source<CsvSource>().ProbeAsync(CancellationToken.None)).Available.Should().BeTrue();
    }

    private static SourceTestHost Host(string path)
        => SourceTestHost.Create(new Dictionary<string, string?> { ["Sources:csv:FilePath"] = path });
}
