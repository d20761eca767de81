using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class CsvExportTests : IClassFixture<SyncMonitorFactory>
{
    private static readonly string[] Header = ["时间", "用户", "操作类型", "操作内容", "状态", "耗时(ms)", "IP地址", "错误信息"];

    private readonly SyncMonitorFactory _host;

    public CsvExportTests(SyncMonitorFactory host) => _host = host;

    private async Task CreateAsync(string actionType, string action, bool success = true, string? error = null, long? duration = 5)
    {
        var response = await _host.CreateClient(TestApiKeys.Operator).PostAsJsonAsync(OperationLogApiPaths.Create,
            new { action_type = actionType, action, success, error_message = error, duration_ms = duration });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_export_round_trips_through_csvhelper_with_formulas_neutralised()
    {
        var type = "csv_" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(type, "=HYPERLINK(\"x\")");
        await CreateAsync(type, "+SUM(A1)", success: false, error: "\tcmd|' /C calc'!A0", duration: null);
        await CreateAsync(type, "同步股票, \"基础\"信息\n第二行");
        await CreateAsync(type, "@import");
        await CreateAsync(type, "-2+3");

        var response = await _host.CreateClient(TestApiKeys.Operator).GetAsync($"{OperationLogApiPaths.ExportCsv}?action_type={type}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        using var reader = CsvReader.Create(new MemoryStream(bytes));
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        reader.Headers.Should().Equal(Header);
        rows.Should().HaveCount(5);
        rows.Select(r => r[3]).Should().Equal("'-2+3", "'@import", "同步股票, \"基础\"信息 第二行", "'+SUM(A1)", "'=HYPERLINK(\"x\")");
        var failed = rows.Single(r => r[3] == "'+SUM(A1)");
        failed[4].Should().Be("失败");
        failed[5].Should().BeEmpty();
        failed[7].Should().Be(" cmd|' /C calc'!A0", "the tab is gone; what is left starts no formula");
        var first = rows[^1];
        first[1].Should().Be("Otto Operator");
        first[2].Should().Be(type);
        first[4].Should().Be("成功");
        first[5].Should().Be("5");
        first[0].Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", "Excel parses yyyy-MM-dd HH:mm:ss as a date-time");
        var shanghaiNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime;
        DateTime.ParseExact(first[0], "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).Should()
            .BeCloseTo(shanghaiNow, TimeSpan.FromMinutes(5), "the time is Asia/Shanghai wall time");
    }

    [Fact]
    public async Task The_file_name_carries_the_time_range_with_a_utf8_filename_star()
    {
        var response = await _host.CreateClient(TestApiKeys.Operator)
            .GetAsync($"{OperationLogApiPaths.ExportCsv}?start_date=2024-01-01&end_date=2024-01-31");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileNameStar.Should().Be("操作日志_20240101_20240131.csv");
        disposition.FileName!.Trim('"').Should().Be("operation_logs_20240101_20240131.csv");
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(3, "the header is there even without rows");
    }

    [Fact]
    public async Task Exporting_needs_the_operator_role_and_is_itself_audited()
    {
        (await _host.CreateClient(TestApiKeys.Viewer).GetAsync(OperationLogApiPaths.ExportCsv)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var session = OperationLogProbe.NewSession();
        var type = "csv_" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(type, "one");
        await CreateAsync(type, "two");
        (await _host.CreateSessionClient(TestApiKeys.Operator, session).GetAsync($"{OperationLogApiPaths.ExportCsv}?action_type={type}"))
            .EnsureSuccessStatusCode();

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.ActionType.Should().Be(AuditActionTypes.Export);
        entry.Success.Should().BeTrue();
        entry.Details["rows"]!.GetValue<long>().Should().Be(2);
        entry.Details["query"]!["action_type"]!.GetValue<string>().Should().Be(type);
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_before_anything_is_streamed()
    {
        var response = await _host.CreateClient(TestApiKeys.Operator).GetAsync($"{OperationLogApiPaths.ExportCsv}?end_date=never");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
