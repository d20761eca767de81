using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>Browsers send the API key as <c>access_token</c> in the hub's query string; it must never be logged,
/// even with every category configured at Verbose. ASP.NET Core's hosting diagnostics print the full URL with
/// its query, so this holds only because the logging setup pins that category at Warning — which this test
/// guards. (Serilog's request-log line carries the path only.)</summary>
public sealed class HubTokenLoggingTests
{
    [Fact]
    public async Task An_access_token_in_the_query_never_reaches_the_log_file()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var wrongKey = "wrong-key-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var host = SyncMonitorFactory.ForDataDirectory(dataDirectory)
                       .With("Serilog:MinimumLevel:Default", "Verbose")
                       .With("Serilog:MinimumLevel:Override:Microsoft", "Verbose")
                       .With("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose")
                       .With("Serilog:MinimumLevel:Override:System", "Verbose")
                       .With("Serilog:MinimumLevel:Override:SyncMonitor.Api.Common.Auth", "Verbose"))
            {
                await using (await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer, keyInQuery: true))
                await using (await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer, keyInQuery: true, HttpTransportType.WebSockets))
                {
                }

                var refused = () => HubTestClient.ConnectAsync(host, wrongKey, keyInQuery: true);
                await refused.Should().ThrowAsync<HttpRequestException>();
            }

            var log = ReadLogs(Path.Combine(dataDirectory, "logs"));
            log.Should().Contain("Establishing new connection", "the hub's verbose logging reached the file");
            log.Should().Contain("was not authenticated", "the refused key's attempt was logged");
            log.Should().NotContain(TestApiKeys.Viewer).And.NotContain(wrongKey).And.NotContain("access_token");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string ReadLogs(string directory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
