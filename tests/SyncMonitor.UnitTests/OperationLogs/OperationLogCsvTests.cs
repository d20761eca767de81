using SyncMonitor.Api.Modules.OperationLogs.Endpoints;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class OperationLogCsvTests
{
    private static async IAsyncEnumerable<OperationLogExportRow> Rows(params OperationLogExportRow[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    [Fact]
    public async Task Rows_are_written_with_bom_header_status_words_and_formula_cells_escaped()
    {
        using var output = new MemoryStream();
        var count = await OperationLogCsv.WriteAsync(output, Rows(
            new OperationLogExportRow(Fakes.T0, "Ada", "sync", "=1+1", true, 15, "127.0.0.1", null),
            new OperationLogExportRow(Fakes.T0, "@bob", "sync", "plain, with comma", false, null, null, "-bad")), CancellationToken.None);

        count.Should().Be(2);
        var bytes = output.ToArray();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Should().Be(
            "时间,用户,操作类型,操作内容,状态,耗时(ms),IP地址,错误信息\r\n"
            + "2025-03-10 16:00:00,Ada,sync,\"'=1+1\",成功,15,127.0.0.1,\r\n"
            + "2025-03-10 16:00:00,\"'@bob\",sync,\"plain, with comma\",失败,,,\"'-bad\"\r\n");
    }

    [Theory]
    [InlineData(" =1+1", "' =1+1")]
    [InlineData("\n=1+1", "' =1+1")]
    [InlineData("\u0000=1", "=1")] // left to the writer's own escaping, see the test above
    [InlineData("\t\t@x", "'  @x")]
    [InlineData(" \uFF1D1+1", "' \uFF1D1+1")]
    [InlineData("a\r\nb\u0007c", "a  bc")]
    [InlineData("-", "-")]
    [InlineData("  ", "  ")]
    public void A_cell_loses_control_characters_and_is_judged_by_its_first_non_blank_character(string cell, string expected)
        => OperationLogCsv.Cell(cell).Should().Be(expected);

    [Fact]
    public async Task A_nul_before_a_formula_is_dropped_and_the_formula_still_escaped()
    {
        using var output = new MemoryStream();
        await OperationLogCsv.WriteAsync(output, Rows(new OperationLogExportRow(Fakes.T0, "Ada", "sync", "\u0000=1", true, 1, null, " =2")), CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray(), 3, (int)output.Length - 3);
        text.Should().EndWith(",sync,\"'=1\",成功,1,,' =2\r\n");
    }

    [Fact]
    public void The_file_name_names_the_range_or_all()
    {
        var now = new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var endOfMarch10InShanghai = new DateTimeOffset(2025, 3, 11, 0, 0, 0, TimeSpan.FromHours(8));
        OperationLogExportEndpoint.FileNames(new OperationLogFilter { From = Fakes.T0.AddDays(-9), Until = endOfMarch10InShanghai }, now)
            .Should().Be(("操作日志_20250301_20250310.csv", "operation_logs_20250301_20250310.csv"), "the range is named in Shanghai days, as the date filters are");
        OperationLogExportEndpoint.FileNames(new OperationLogFilter { From = new DateTimeOffset(2025, 3, 1, 20, 0, 0, TimeSpan.Zero) }, now).Readable
            .Should().Be("操作日志_20250302_20250310.csv", "20:00 UTC on Mar 1 is already Mar 2 in Shanghai");
        OperationLogExportEndpoint.FileNames(OperationLogFilter.All, now).Should().Be(("操作日志_all_20250310.csv", "operation_logs_all_20250310.csv"));
    }
}
