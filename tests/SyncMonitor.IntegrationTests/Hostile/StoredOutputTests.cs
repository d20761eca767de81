using System.Net;
using SyncMonitor.IntegrationTests.OperationLogs;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 rows 11 and 13: what the service writes — the CSV export and the files under DataDirectory —
/// is safe to open and private to the service's user.</summary>
public sealed class StoredOutputTests : IClassFixture<HostileHost>
{
    private readonly HostileHost _host;

    public StoredOutputTests(HostileHost host) => _host = host;

    [Fact]
    public async Task Csv_cells_lose_control_characters_and_a_formula_after_blanks_is_still_neutralised()
    {
        var marker = "csv" + Guid.NewGuid().ToString("N")[..8];
        var operatorClient = _host.CreateClient(TestApiKeys.Operator);
        string[] errors = [" =1+1", "\n=2+2", "\u0000=3", "\t@SUM(A1)", "\r\n -4+4", "\u001b[31m+5"];
        foreach (var error in errors)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["action_type"] = "manual", ["action"] = marker + "\u0000=9", ["success"] = false, ["error_message"] = error,
            });
            (await operatorClient.PostAsync("/api/system/logs/create", HostileAssertions.Json(json))).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var response = await operatorClient.GetAsync($"/api/system/logs/export/csv?keyword={marker}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csv = await response.Content.ReadAsStringAsync();
        csv.Should().NotContain("\u0000").And.NotContain("\u001b").And.NotContain("\t");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Where(r => r.Contains(marker, StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(errors.Length, "one physical line per record: no raw line break survives");
        foreach (var expected in new[] { "' =1+1", "' =2+2", "'=3", "' @SUM(A1)", "'   -4+4", "[31m+5" })
        {
            rows.Should().ContainSingle(r => r.EndsWith("," + expected, StringComparison.Ordinal) || r.EndsWith(",\"" + expected + "\"", StringComparison.Ordinal), expected);
        }

        rows.Should().OnlyContain(r => r.Contains(marker + "=9", StringComparison.Ordinal), "the NUL in the action is gone");
    }

    [Fact]
    public async Task Files_under_the_data_directory_are_0600_and_folders_0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var session = OperationLogProbe.NewSession();
        await _host.CreateSessionClient(TestApiKeys.Operator, session).PostAsync("/api/sync/tasks/x1/cancel", null);
        await _host.WaitForSessionAsync(session);
        (await _host.CreateClient(TestApiKeys.Viewer).GetAsync("/api/sync/current")).EnsureSuccessStatusCode();
        await LogForgingTests.EventuallyAsync(_host.ReadLog, log => log.Length > 0);

        var entries = new DirectoryInfo(_host.DataDirectory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Append(new DirectoryInfo(_host.DataDirectory)).ToList();
        entries.OfType<FileInfo>().Select(f => f.Name).Should().Contain(n => n.EndsWith(".db", StringComparison.Ordinal)).And.Contain(n => n.EndsWith(".log", StringComparison.Ordinal));
        const UnixFileMode groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var entry in entries)
        {
            (entry.UnixFileMode & groupOrOther).Should().Be(UnixFileMode.None, entry.FullName);
            (entry.UnixFileMode & UnixFileMode.UserRead).Should().Be(UnixFileMode.UserRead, entry.FullName);
        }
    }
}
